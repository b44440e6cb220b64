import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function setup() {
  const [owner, member, viewer, outsider] = await Promise.all(
    ["Olivia Owner", "Mona Member", "Vic Viewer", "Otto Outsider"].map((n) => createUser(n)),
  );
  const workspace = await createWorkspaceWith([
    { userId: owner!.id, role: "OWNER" },
    { userId: member!.id, role: "MEMBER" },
    { userId: viewer!.id, role: "VIEWER" },
  ]);
  await createWorkspaceWith([{ userId: outsider!.id, role: "OWNER" }]);
  const canvas = await createDocument({
    workspaceId: workspace.id,
    kind: "CANVAS",
    title: "Spend",
    createdById: owner!.id,
  });
  const as = async (user: { email: string }) => {
    const client = new CookieClient(app.baseUrl);
    await client.logIn(user.email, TEST_PASSWORD);
    const endpoint = `/w/${workspace.id}/d/${canvas.id}/threads`;
    return {
      act: (json: unknown) => client.request(endpoint, { method: "POST", json }),
      list: async () => (await (await client.request(endpoint)).json()) as { threads: Thread[] },
      client,
    };
  };
  return { owner: owner!, member: member!, viewer: viewer!, outsider: outsider!, workspace, canvas, as };
}
type Thread = {
  id: string;
  resolved: boolean;
  unread: boolean;
  mentionsMe: boolean;
  shapeId: string | null;
  comments: { id: string; body: string; mine: boolean; author: { name: string } }[];
};

describe("comment threads on a canvas", () => {
  it("lets a viewer pin a thread, mention a member, and the member gets a notification", async () => {
    const { member, viewer, canvas, as } = await setup();
    const vic = await as(viewer);
    const created = await vic.act({
      intent: "create",
      shapeId: "shape:abc",
      x: 12,
      y: 8,
      body: "Why the jump? @Mona Member",
    });
    expect(created.status).toBe(200);
    const { threadId } = await created.json();

    const notifications = await prisma.notification.findMany({ where: { threadId } });
    expect(notifications.map((n) => n.userId)).toEqual([member.id]);

    const mona = await as(member);
    const [thread] = (await mona.list()).threads;
    expect(thread).toMatchObject({
      id: threadId,
      shapeId: "shape:abc",
      unread: true,
      mentionsMe: true,
      resolved: false,
    });
    expect(thread!.comments[0]).toMatchObject({
      body: "Why the jump? @Mona Member",
      mine: false,
      author: { name: "Vic Viewer" },
    });
    const bell = await (await mona.client.request("/api/notifications")).json();
    expect(bell.unread).toBe(1);
    expect(bell.notifications[0]).toMatchObject({
      actorName: "Vic Viewer",
      documentTitle: "Spend",
      href: `/w/${canvas.workspaceId}/d/${canvas.id}?thread=${threadId}`,
    });

    // Reading the thread clears its unread marker and its notification.
    expect((await mona.act({ intent: "read", threadId })).status).toBe(200);
    expect((await mona.list()).threads[0]!.unread).toBe(false);
    expect((await (await mona.client.request("/api/notifications")).json()).unread).toBe(0);
  });

  it("mirrors every change into the room, and deletes the mirror with the thread", async () => {
    const { member, canvas, as } = await setup();
    const mona = await as(member);
    const { threadId } = await (
      await mona.act({ intent: "create", shapeId: null, x: 100, y: 200, body: "A point" })
    ).json();
    const mirrored = async () =>
      (
        (await liveblocks().getStorageDocument(canvas.roomId, "json")) as {
          threads: Record<string, { revision: number; resolved: boolean; commentCount: number }>;
        }
      ).threads;
    expect((await mirrored())[threadId]).toMatchObject({
      revision: 1,
      resolved: false,
      commentCount: 1,
      shapeId: null,
      x: 100,
      y: 200,
    });

    await mona.act({ intent: "reply", threadId, body: "And another" });
    await mona.act({ intent: "resolve", threadId, resolved: true });
    expect((await mirrored())[threadId]).toMatchObject({ revision: 3, resolved: true, commentCount: 2 });

    for (const comment of (await mona.list()).threads[0]!.comments)
      await mona.act({ intent: "delete", commentId: comment.id });
    expect(await prisma.commentThread.count({ where: { id: threadId } })).toBe(0);
    expect((await mirrored())[threadId]).toBeUndefined();
  });

  it("lets people edit and delete only their own comments, and resolve or reopen any thread", async () => {
    const { member, viewer, as } = await setup();
    const mona = await as(member);
    const vic = await as(viewer);
    const { threadId } = await (await mona.act({ intent: "create", shapeId: null, x: 0, y: 0, body: "Mine" })).json();
    const commentId = (await mona.list()).threads[0]!.comments[0]!.id;

    const edit = await vic.act({ intent: "edit", commentId, body: "Hijacked" });
    expect(edit.status).toBe(403);
    expect((await edit.json()).error).toMatch(/only edit or delete your own/);
    expect((await vic.act({ intent: "delete", commentId })).status).toBe(403);

    expect((await mona.act({ intent: "edit", commentId, body: "Mine, edited @Vic Viewer" })).status).toBe(200);
    expect((await mona.list()).threads[0]!.comments[0]!.body).toBe("Mine, edited @Vic Viewer");
    expect(await prisma.notification.count({ where: { threadId } })).toBe(1);

    expect((await vic.act({ intent: "resolve", threadId, resolved: true })).status).toBe(200);
    expect((await mona.list()).threads[0]!.resolved).toBe(true);
    // A reply reopens it.
    await mona.act({ intent: "reply", threadId, body: "Not done yet" });
    expect((await mona.list()).threads[0]!.resolved).toBe(false);
  });

  it("answers 404 outside the workspace and explains bad input", async () => {
    const { member, outsider, workspace, canvas, as } = await setup();
    const otto = await as(outsider);
    expect((await otto.act({ intent: "create", shapeId: null, x: 0, y: 0, body: "Hi" })).status).toBe(404);
    expect((await otto.client.request(`/w/${workspace.id}/d/${canvas.id}/threads`)).status).toBe(404);

    const mona = await as(member);
    const empty = await mona.act({ intent: "create", shapeId: null, x: 0, y: 0, body: "   " });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toBe("Write a comment first.");
    const badShape = await mona.act({ intent: "create", shapeId: "not a shape", x: 0, y: 0, body: "x" });
    expect((await badShape.json()).error).toMatch(/not a shape/);
    const unknown = await mona.act({ intent: "reply", threadId: crypto.randomUUID(), body: "x" });
    expect(unknown.status).toBe(404);

    const request = await createDocument({
      workspaceId: workspace.id,
      kind: "REQUEST",
      title: "Not a canvas",
      createdById: member.id,
    });
    const onRequest = await mona.client.request(`/w/${workspace.id}/d/${request.id}/threads`, {
      method: "POST",
      json: { intent: "create", shapeId: null, x: 0, y: 0, body: "x" },
    });
    expect(onRequest.status).toBe(400);
    expect((await onRequest.json()).error).toMatch(/cost canvases only/);
  });
});
