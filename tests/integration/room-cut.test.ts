import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Short intervals, so the test takes seconds: pages check their lease every second, and the
// server closes a room's connections 3 s after a cut if the person is still there.
vi.hoisted(() => {
  Object.assign(process.env, { ROOM_LEASE_SECONDS: "1", ROOM_CUT_GRACE_SECONDS: "3", JOB_POLL_SECONDS: "0.5" });
});

import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { ROOM_SCOPES } from "~/rooms/room-permissions.server";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { organizationWithEveryRole, post } from "../support/org-factories";
import { joinRoom } from "../support/room-clients";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const CUT_WITHIN_MS = 60_000;
const serverValue = async (roomId: string, key: string) =>
  ((await liveblocks().getStorageDocument(roomId, "json")) as Record<string, unknown>)[key];

async function setup(kind: "AI" | "REQUEST" = "AI") {
  const s = await organizationWithEveryRole(app.baseUrl);
  const document = await createDocument({
    workspaceId: s.workspace.id,
    kind,
    title: "Shared",
    createdById: s.owner.id,
  });
  const ownerClient = await s.as(s.owner);
  return { ...s, document, ownerClient };
}

describe("cutting a removed member's open room", () => {
  it("stops them receiving and writing within a minute, even when their page ignores the cut", async () => {
    const { org, document, member, ownerClient, as } = await setup();
    const stays = await joinRoom(ownerClient, document.roomId);
    const removed = await joinRoom(await as(member), document.roomId);
    stays.write("probe", "before");
    await vi.waitFor(() => expect(removed.read("probe")).toBe("before"), { timeout: 10_000 });

    const started = Date.now();
    const removal = await post(ownerClient, `/orgs/${org}/members`, { intent: "remove", userId: member.id });
    expect(removal.status).toBe(200);
    expect(removal.text).toContain("Their open documents close within a minute");

    // Their connection is closed and their reconnection refused by the engine (4001): the
    // room's permission list no longer has them, whatever token they still hold.
    await vi.waitFor(() => expect(removed.status()).toBe("disconnected"), { timeout: CUT_WITHIN_MS, interval: 200 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(CUT_WITHIN_MS);
    console.log(`room cut after ${elapsed} ms (grace 3 s)`);
    expect((await liveblocks().getRoom(document.roomId)).usersAccesses[member.id]).toBeUndefined();

    // It stops receiving…
    stays.write("probe", "after the cut");
    await vi.waitFor(async () => expect(await serverValue(document.roomId, "probe")).toBe("after the cut"));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(removed.read("probe")).toBe("before");
    // …and stops writing.
    removed.write("probe", "written by the removed member");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await serverValue(document.roomId, "probe")).toBe("after the cut");
    expect(stays.read("probe")).toBe("after the cut");
    // Everyone else came back to the document as it was.
    expect(stays.status()).toBe("connected");
    const active = (await liveblocks().getActiveUsers(document.roomId)).data.map((u) => u.id);
    expect(active).toContain(stays.room.getSelf()?.id);
    expect(active).not.toContain(member.id);
    stays.leave();
    removed.leave();
  });

  it("lets a page that leaves on its own go without disturbing anyone", async () => {
    const { org, document, member, ownerClient, as } = await setup();
    const stays = await joinRoom(ownerClient, document.roomId);
    const removed = await joinRoom(await as(member), document.roomId);
    await vi.waitFor(() => expect(stays.status()).toBe("connected"));
    const statusesBefore = stays.statuses.length;
    await post(ownerClient, `/orgs/${org}/members`, { intent: "remove", userId: member.id });
    removed.leave(); // what RoomLease does when the lease check answers 404
    await new Promise((r) => setTimeout(r, 6_000)); // past the grace period
    expect(stays.statuses.slice(statusesBefore)).toEqual([]); // never reconnected: no reset was needed
    expect(stays.status()).toBe("connected");
    stays.leave();
  });

  it("keeps a member made viewer in the room, read-only", async () => {
    const { org, document, member, ownerClient, as } = await setup();
    const stays = await joinRoom(ownerClient, document.roomId);
    const demoted = await joinRoom(await as(member), document.roomId);
    expect(demoted.canWrite()).toBe(true);
    const changed = await post(ownerClient, `/orgs/${org}/members`, {
      intent: "change-role",
      userId: member.id,
      role: "VIEWER",
    });
    expect(changed.status).toBe(200);
    await vi.waitFor(() => expect(demoted.canWrite()).toBe(false), { timeout: CUT_WITHIN_MS, interval: 200 });
    expect((await liveblocks().getRoom(document.roomId)).usersAccesses[member.id]).toEqual(ROOM_SCOPES.read);
    // Still following: the owner's edits reach them.
    await vi.waitFor(() => expect(demoted.status()).toBe("connected"));
    stays.write("probe", "for the viewer");
    await vi.waitFor(() => expect(demoted.read("probe")).toBe("for the viewer"), { timeout: 10_000 });
    stays.leave();
    demoted.leave();
  });
});

describe("cutting a guest whose session code was revoked", () => {
  it("stops the guest within a minute", async () => {
    const { document, ownerClient, workspace } = await setup("REQUEST");
    const base = `/w/${workspace.id}/d/${document.id}`;
    const created = await ownerClient.request(`${base}/codes`, {
      method: "POST",
      json: { intent: "create", lifetime: "1h" },
    });
    const { code, id: codeId } = await created.json();
    const guestUser = await createUser("Gus Guest");
    const guest = new CookieClient(app.baseUrl);
    await guest.logIn(guestUser.email, TEST_PASSWORD);
    const joined = await post(guest, "/join", { code });
    expect(joined.status).toBe(302);

    const stays = await joinRoom(ownerClient, document.roomId);
    const guestRoom = await joinRoom(guest, document.roomId);
    stays.write("probe", "hello guest");
    await vi.waitFor(() => expect(guestRoom.read("probe")).toBe("hello guest"), { timeout: 10_000 });

    const started = Date.now();
    const revoked = await ownerClient.request(`${base}/codes`, { method: "POST", json: { intent: "revoke", codeId } });
    expect(revoked.status).toBe(200);
    await vi.waitFor(() => expect(guestRoom.status()).toBe("disconnected"), { timeout: CUT_WITHIN_MS, interval: 200 });
    expect(Date.now() - started).toBeLessThan(CUT_WITHIN_MS);
    guestRoom.write("probe", "guest was here");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await serverValue(document.roomId, "probe")).toBe("hello guest");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "session.code_revoked" } });
    expect(audit.before).toEqual({ guests: 1 });
    stays.leave();
    guestRoom.leave();
  });
});

describe("the lease check", () => {
  it("answers the access a person has now, 404 once they lost it, and refuses bad requests", async () => {
    const { org, document, member, viewer, ownerClient, as } = await setup();
    const lease = (client: CookieClient, body: unknown) =>
      client.request("/api/room-lease", { method: "POST", json: body });
    const memberClient = await as(member);
    const first = await lease(memberClient, { room: document.roomId });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ access: "write", title: "Shared", recheckSeconds: 1 });
    expect(await (await lease(await as(viewer), { room: document.roomId })).json()).toMatchObject({ access: "read" });

    await post(ownerClient, `/orgs/${org}/members`, { intent: "remove", userId: member.id });
    const after = await lease(memberClient, { room: document.roomId });
    expect(after.status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/room-lease`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await lease(ownerClient, { nope: 1 })).status).toBe(400);
    expect((await lease(ownerClient, { room: "ws_junk" })).status).toBe(404);
    const notJson = await ownerClient.request("/api/room-lease", { method: "POST", body: "room=1" });
    expect(notJson.status).toBe(400);
  });
});
