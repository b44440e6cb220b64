import type { RoomPermission } from "@liveblocks/node";
import { prisma } from "~/db/client.server";
import { isLiveblocksStatus, liveblocks } from "./liveblocks.server";

/**
 * The room's own permission list (Liveblocks `usersAccesses`), kept in step with
 * PostgreSQL for everyone who was given a token for the room. People connect with ID
 * tokens, which say only who they are: the engine reads this list at every connection
 * (docs/decisions/073-cutting-room-access.md). RoomGrant remembers who is on which room's
 * list, so losing access can find them.
 */
export type RoomAccess = "write" | "read";

/**
 * What access grants, as narrow as the engine allows (docs/decisions/066): storage and presence,
 * written or only read, and none of the engine's features the app does not use (Liveblocks
 * Comments and Feeds: our comments live in PostgreSQL), so nobody can write threads or feeds
 * nobody checks. The engine has no finer scope than the whole storage: what a writer may put
 * there is checked by each kind's schema, repaired by the server, and never trusted (004).
 */
export const ROOM_SCOPES = {
  write: ["room:write", "comments:none", "feeds:none"],
  read: ["room:read", "room:presence:write", "comments:none", "feeds:none"],
} as const satisfies Record<RoomAccess, Readonly<RoomPermission>>;

/** Puts someone on a room's list with `access`, or takes them off (null). False if there is no such room. */
export async function setRoomPermission(roomId: string, userId: string, access: RoomAccess | null): Promise<boolean> {
  try {
    await liveblocks().updateRoom(roomId, { usersAccesses: { [userId]: access ? [...ROOM_SCOPES[access]] : null } });
    return true;
  } catch (error) {
    if (isLiveblocksStatus(error, 404)) return false;
    throw error;
  }
}

export async function recordRoomGrant(roomId: string, userId: string) {
  await prisma.roomGrant.upsert({
    where: { roomId_userId: { roomId, userId } },
    create: { roomId, userId },
    update: { issuedAt: new Date() },
  });
}
