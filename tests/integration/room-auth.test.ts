import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** The permissions a Liveblocks access token grants (its payload is a plain JWT body). */
function permissionsOf(token: string): Record<string, string[]> {
  const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
  return payload.perms;
}

async function setup() {
  const [owner, member, viewer, outsider] = await Promise.all(
    ["Owner", "Member", "Viewer", "Outsider"].map((n) => createUser(n)),
  );
  const workspace = await createWorkspaceWith([
    { userId: owner!.id, role: "OWNER" },
    { userId: member!.id, role: "MEMBER" },
    { userId: viewer!.id, role: "VIEWER" },
  ]);
  await createWorkspaceWith([{ userId: outsider!.id, role: "OWNER" }]);
  const document = await createDocument({
    workspaceId: workspace.id,
    kind: "REQUEST",
    title: "Shared",
    createdById: owner!.id,
  });
  const as = async (user: { email: string }) => {
    const client = new CookieClient(app.baseUrl);
    await client.logIn(user.email, TEST_PASSWORD);
    return client;
  };
  return { owner: owner!, member: member!, viewer: viewer!, outsider: outsider!, document, as };
}

describe("the room auth endpoint", () => {
  it("gives members write access and viewers read and presence", async () => {
    const { member, viewer, document, as } = await setup();
    const memberToken = await (
      await as(member)
    ).request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(memberToken.status).toBe(200);
    expect(permissionsOf((await memberToken.json()).token)).toEqual({
      [document.roomId]: ["room:write", "comments:none", "feeds:none"],
    });

    const viewerToken = await (
      await as(viewer)
    ).request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(viewerToken.status).toBe(200);
    expect(permissionsOf((await viewerToken.json()).token)).toEqual({
      [document.roomId]: ["room:read", "room:presence:write", "comments:none", "feeds:none"],
    });
  });

  it("answers the same 404 for a foreign room and for one that does not exist", async () => {
    const { outsider, document, as } = await setup();
    const client = await as(outsider);
    const foreign = await client.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    const missing = await client.request("/api/liveblocks-auth", {
      method: "POST",
      json: { room: document.roomId.replace(document.id, crypto.randomUUID()) },
    });
    const garbage = await client.request("/api/liveblocks-auth", { method: "POST", json: { room: "anything-at-all" } });
    expect([foreign.status, missing.status, garbage.status]).toEqual([404, 404, 404]);
    const bodies = await Promise.all([foreign.text(), missing.text(), garbage.text()]);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain("token");
  });

  it("refuses a room id that names another workspace around a real document", async () => {
    const { outsider, document, as } = await setup();
    const client = await as(outsider);
    const outsidersWorkspace = await createWorkspaceWith([{ userId: outsider.id, role: "OWNER" }]);
    const forged = document.roomId.replace(/^ws_[^:]+/, `ws_${outsidersWorkspace.id}`);
    const response = await client.request("/api/liveblocks-auth", { method: "POST", json: { room: forged } });
    expect(response.status).toBe(404);
  });

  it("needs a session, a JSON body and a room", async () => {
    const { member, as } = await setup();
    const anonymous = await fetch(new URL("/api/liveblocks-auth", app.baseUrl), { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/Log in/);

    const client = await as(member);
    const notJson = await client.request("/api/liveblocks-auth", { method: "POST", body: "room=abc" });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid JSON/);
    const noRoom = await client.request("/api/liveblocks-auth", { method: "POST", json: { nope: 1 } });
    expect(noRoom.status).toBe(400);
    expect((await noRoom.json()).error).toMatch(/Say which room/);
  });

  it("lets viewers open documents but not create them", async () => {
    const { viewer, document, as } = await setup();
    const client = await as(viewer);
    const page = await client.request(`/w/${document.workspaceId}/d/${document.id}`);
    expect(page.status).toBe(200);
    const create = await client.request(`/w/${document.workspaceId}?index`, {
      method: "POST",
      form: { kind: "AI", title: "Sneaky" },
    });
    expect(create.status).toBe(403);
    expect(await create.text()).toContain("Viewers can look but not change anything here");
  });
});
