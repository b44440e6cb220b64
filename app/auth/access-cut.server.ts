import { z } from "zod";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { defineJob } from "~/jobs/define.server";
import { createJob, dispatchJob } from "~/jobs/queue.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { roomAdmission } from "./room-access.server";
import { setRoomPermission } from "~/rooms/room-permissions.server";
import { resetRoomConnections } from "~/rooms/room-reset.server";

/**
 * Cutting live room access (docs/decisions/073-cutting-room-access.md), one mechanism for a
 * guest whose session code was revoked and a member removed from an organisation, a team or
 * a workspace (or demoted to viewer, or whose workspace was archived):
 *   1. at once: the person's entry on each room's permission list is set to what PostgreSQL
 *      now allows (removed, or read-only), so no new connection of theirs gets more;
 *   2. within ROOM_LEASE_SECONDS: their page's lease check (RoomLease) is refused and the page
 *      leaves the room, or reconnects read-only;
 *   3. after ROOM_CUT_GRACE_SECONDS: if a connection of theirs opened with a token from before
 *      the cut is still in the room (a page that did not leave: stuck or tampered with), the
 *      server closes the room's connections (app/rooms/room-reset.server.ts) and the engine, reading the
 *      list again, lets only the allowed back in.
 */
export type AccessLoss = { userId: string; workspaceId: string } | { userId: string; documentId: string };

const CutData = z.object({
  userId: z.string().uuid(),
  roomIds: z.array(z.string().min(1)).min(1).max(10_000),
  cutAt: z.string().datetime(),
});

/** Step 1, straight away: the permission lists say what PostgreSQL says now. */
export const withdrawRoomAccessJob = defineJob({
  name: "rooms.withdraw-access",
  data: CutData,
  retryLimit: 5,
  retryDelaySeconds: 5,
  run: async ({ userId, roomIds, cutAt }) => {
    await applyPermissions(userId, roomIds);
    const grace = env().ROOM_CUT_GRACE_SECONDS * 1000;
    const job = await prisma.$transaction((tx) => createJob(tx, enforceRoomCutJob, { userId, roomIds, cutAt }));
    await dispatchJob(enforceRoomCutJob, job, { startAfter: new Date(Date.parse(cutAt) + grace) });
  },
});

/** Step 3, after the grace period: close the connections of a page that did not leave. */
export const enforceRoomCutJob = defineJob({
  name: "rooms.enforce-cut",
  data: CutData,
  retryLimit: 5,
  retryDelaySeconds: 5,
  run: async ({ userId, roomIds, cutAt }) => {
    // Again: a token issued just before the cut committed may have put them back on a list.
    await applyPermissions(userId, roomIds);
    const cut = Date.parse(cutAt);
    for (const roomId of roomIds) {
      if (!(await stillConnectedFromBefore(roomId, userId, cut))) continue;
      console.log(`rooms: ${roomId} still had a connection of someone who lost access; closing its connections`);
      await resetRoomConnections(roomId);
    }
  },
});

async function applyPermissions(userId: string, roomIds: string[]) {
  for (const roomId of roomIds) {
    const admission = await roomAdmission({ id: userId }, roomId);
    await setRoomPermission(roomId, userId, admission.ok ? admission.access : null);
  }
}

async function stillConnectedFromBefore(roomId: string, userId: string, cut: number) {
  try {
    const { data } = await liveblocks().getActiveUsers(roomId);
    return data.some((u) => u.id === userId && Number((u.info as { issuedAt?: unknown })?.issuedAt ?? 0) < cut);
  } catch {
    return false; // the room is gone: nobody is in it
  }
}

/**
 * Starts cutting: finds the rooms of the lost workspaces and documents whose permission
 * list has the person (they were given a token there, RoomGrant), and queues step 1. Call
 * it after the change that took the access committed.
 */
export async function cutRoomAccess(losses: AccessLoss[], now = new Date()): Promise<void> {
  const byUser = new Map<string, { workspaceIds: Set<string>; documentIds: Set<string> }>();
  for (const loss of losses) {
    const entry = byUser.get(loss.userId) ?? { workspaceIds: new Set(), documentIds: new Set() };
    if ("workspaceId" in loss) entry.workspaceIds.add(loss.workspaceId);
    else entry.documentIds.add(loss.documentId);
    byUser.set(loss.userId, entry);
  }
  for (const [userId, scope] of byUser) {
    const rows = await prisma.$queryRaw<{ roomId: string }[]>`
      SELECT g."roomId" FROM "RoomGrant" g JOIN "Document" d ON d."roomId" = g."roomId"
      WHERE g."userId" = ${userId}
        AND (d."workspaceId" = ANY(${[...scope.workspaceIds]}::text[]) OR d."id" = ANY(${[...scope.documentIds]}::text[]))`;
    if (rows.length === 0) continue;
    const job = await prisma.$transaction((tx) =>
      createJob(tx, withdrawRoomAccessJob, {
        userId,
        roomIds: rows.map((r) => r.roomId),
        cutAt: now.toISOString(),
      }),
    );
    await dispatchJob(withdrawRoomAccessJob, job);
  }
}
