import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { isLiveblocksStatus, liveblocks } from "~/rooms/liveblocks.server";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import type { CookieClient } from "../support/browserless-client";
import { get, organizationWithEveryRole, post } from "../support/org-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function setup() {
  const s = await organizationWithEveryRole(app.baseUrl);
  const document = await createDocument({
    workspaceId: s.workspace.id,
    kind: "REQUEST",
    title: "Refund an order",
    createdById: s.member.id,
  });
  const manage = `/w/${s.workspace.id}/d/${document.id}/manage`;
  return { ...s, document, manage };
}

const lease = async (client: CookieClient, room: string) => {
  const response = await client.request("/api/room-lease", { method: "POST", json: { room } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("renaming a document", () => {
  it("is for people who may write; open pages learn the new title from their lease check", async () => {
    const { document, manage, member, viewer, outsider, org, workspace, as } = await setup();
    const memberClient = await as(member);
    const viewerClient = await as(viewer);
    const renamed = await post(memberClient, manage, { intent: "rename", title: "  Refund an order in full " });
    expect(renamed.status).toBe(200);
    expect(JSON.parse(renamed.text)).toMatchObject({ ok: true, message: "Renamed to “Refund an order in full”." });
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).title).toBe(
      "Refund an order in full",
    );
    // What every open page (the viewer's too) is told at its next check, or at once on the hint.
    expect((await lease(viewerClient, document.roomId)).body).toMatchObject({
      access: "read",
      title: "Refund an order in full",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org, action: "document.renamed" },
    });
    expect(event).toMatchObject({ before: { title: "Refund an order" }, after: { title: "Refund an order in full" } });

    const byViewer = await post(viewerClient, manage, { intent: "rename", title: "Mine now" });
    expect(byViewer.status).toBe(403);
    expect(JSON.parse(byViewer.text).error).toBe("Viewers can open documents but not change them.");
    expect((await post(await as(outsider), manage, { intent: "rename", title: "x" })).status).toBe(404);

    for (const [form, message] of [
      [{ intent: "rename", title: "" }, "Give it a title."],
      [{ intent: "rename", title: "x".repeat(121) }, "Use at most 120 characters."],
      [
        { intent: "rename", title: "a\u0000b" },
        "title contains a NUL character (\\0), which cannot be stored. Remove it.",
      ],
      [{ intent: "rename" }, "Give it a title."],
      [{ intent: "explode" }, "Choose what to do: rename, archive, restore or delete."],
    ] as const) {
      const response = await post(memberClient, manage, form as Record<string, string>);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(JSON.parse(response.text).error).toBe(message);
    }
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).title).toBe(
      "Refund an order in full",
    );
    // Creating follows the same rule for titles.
    const created = await post(memberClient, `/w/${workspace.id}?index`, { kind: "AI", title: "a\u0000b" });
    expect(created.status).toBe(400);
    expect(created.text).toContain("contains a NUL character");
  });
});

describe("archiving a document", () => {
  it("makes it read-only for everyone and hides it from the default list, until restored", async () => {
    const { document, manage, member, owner, workspace, as } = await setup();
    const memberClient = await as(member);
    expect((await lease(memberClient, document.roomId)).body.access).toBe("write");
    const archived = await post(memberClient, manage, { intent: "archive" });
    expect(archived.status).toBe(200);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).archivedAt).not.toBeNull();
    // Open pages reconnect read-only at their next check; writes through the server are refused.
    expect((await lease(await as(owner), document.roomId)).body.access).toBe("read");
    const send = await memberClient.request(`/w/${workspace.id}/d/${document.id}/codes`, {
      method: "POST",
      json: { intent: "create", lifetime: "1h" },
    });
    expect(send.status).toBe(409);
    expect(((await send.json()) as { error: string }).error).toContain("This document is archived");
    const rename = await post(memberClient, manage, { intent: "rename", title: "x" });
    expect(rename.status).toBe(409);
    expect((await post(memberClient, manage, { intent: "archive" })).status).toBe(409);

    const page = await get(memberClient, `/w/${workspace.id}`);
    expect(page.text).not.toContain("Refund an order");
    expect(page.text).toContain("Archived (1)");
    const archivedList = await get(memberClient, `/w/${workspace.id}?archived=1`);
    expect(archivedList.text).toContain("Refund an order");
    expect(archivedList.text).toContain("Restore");
    expect((await get(memberClient, `/w/${workspace.id}/d/${document.id}`)).text).toContain(
      "This document is archived",
    );

    expect((await post(memberClient, manage, { intent: "restore" })).status).toBe(200);
    expect((await lease(memberClient, document.roomId)).body.access).toBe("write");
    expect((await get(memberClient, `/w/${workspace.id}`)).text).toContain("Refund an order");
  });
});

describe("deleting a document", () => {
  it("is for owners and admins, and deletes its room too", async () => {
    const { document, manage, member, admin, org, workspace, as } = await setup();
    const byMember = await post(await as(member), manage, { intent: "delete" });
    expect(byMember.status).toBe(403);
    expect(JSON.parse(byMember.text).error).toBe("Only owners and admins of the workspace can delete documents.");
    expect((await liveblocks().getRoom(document.roomId)).id).toBe(document.roomId);

    const adminClient = await as(admin);
    const deleted = await post(adminClient, manage, { intent: "delete" });
    expect(deleted.status).toBe(200);
    expect(await prisma.document.findUnique({ where: { id: document.id } })).toBeNull();
    const room = await liveblocks()
      .getRoom(document.roomId)
      .catch((error: unknown) => error);
    expect(isLiveblocksStatus(room, 404)).toBe(true);
    expect(
      await prisma.auditEvent.count({
        where: { organizationId: org, action: "document.deleted", targetId: document.id },
      }),
    ).toBe(1);
    expect((await get(adminClient, `/w/${workspace.id}/d/${document.id}`)).status).toBe(404);
    expect((await post(adminClient, manage, { intent: "delete" })).status).toBe(404);
  });
});

describe("the workspace page", () => {
  it("searches titles, filters by kind and creator, and sorts", async () => {
    const { workspace, owner, member, viewer, as } = await setup();
    const make = (kind: "REQUEST" | "AI" | "CANVAS", title: string, createdById: string) =>
      createDocument({ workspaceId: workspace.id, kind, title, createdById });
    await make("AI", "Stripe webhooks explained", owner.id);
    await make("CANVAS", "Monthly costs", owner.id);
    await make("REQUEST", "Another Stripe call", owner.id);
    const client = await as(viewer);
    const titles = async (query: string) => {
      const page = await get(client, `/w/${workspace.id}${query}`);
      expect(page.status, query).toBe(200);
      return [...page.text.matchAll(/data-testid="document-row"><div><a[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    };

    expect((await titles("?q=stripe")).sort()).toEqual(["Another Stripe call", "Stripe webhooks explained"]);
    expect(await titles("?q=stripe&kind=AI")).toEqual(["Stripe webhooks explained"]);
    expect(await titles(`?creator=${member.id}`)).toEqual(["Refund an order"]);
    expect(await titles("?sort=title&kind=REQUEST")).toEqual(["Another Stripe call", "Refund an order"]);
    expect(await titles("?sort=created&kind=REQUEST")).toEqual(["Another Stripe call", "Refund an order"]);
    const none = await get(client, `/w/${workspace.id}?q=nothing-like-this`);
    expect(none.text).toContain("No documents match these filters.");
    // Garbage in the query string is not an error page: the search drops what it cannot use.
    for (const query of [
      "?q=%00stripe%ud800",
      "?kind=NOPE&sort=evil&archived=maybe&creator=x",
      `?q=${"a".repeat(5000)}`,
    ])
      expect((await get(client, `/w/${workspace.id}${query}`)).status, query).toBe(200);
    expect((await titles("?q=%00stripe")).length).toBe(2);
    // Viewers see no actions.
    expect((await get(client, `/w/${workspace.id}`)).text).not.toContain("Actions for");
    expect((await get(await as(member), `/w/${workspace.id}`)).text).toContain("Actions for Refund an order");
  });
});
