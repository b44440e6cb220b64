import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "~/kinds/documents.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createWorkspaceWith, organizationWithPeople, TEST_PASSWORD } from "../support/factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** What a Liveblocks token says (its payload is a plain JWT body). */
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

async function setup() {
  const { owner, member, viewer, outsider, workspace } = await organizationWithPeople();
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
  it("gives members write access and viewers read and presence, on the room's own permission list", async () => {
    const { member, viewer, document, as } = await setup();
    const memberToken = await (
      await as(member)
    ).request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(memberToken.status).toBe(200);
    const viewerToken = await (
      await as(viewer)
    ).request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(viewerToken.status).toBe(200);

    // ID tokens say who someone is; the room's list, which the engine reads at every
    // connection, says what they may do (docs/decisions/073-cutting-room-access.md).
    const token = payloadOf((await memberToken.json()).token);
    expect(token).toMatchObject({ k: "id", uid: member.id, ui: { name: "Member", role: "MEMBER" } });
    expect(token.perms).toBeUndefined();
    const room = await liveblocks().getRoom(document.roomId);
    expect(room.usersAccesses).toEqual({
      [member.id]: ["room:write", "comments:none", "feeds:none"],
      [viewer.id]: ["room:read", "room:presence:write", "comments:none", "feeds:none"],
    });
    expect(room.defaultAccesses).toEqual([]);
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
