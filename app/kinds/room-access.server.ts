import { z } from "zod";
import { archivedAccess, findRoomDocument } from "~/auth/room-access.server";
import type { SessionUser } from "~/auth/session.server";
import { NO_SUCH_ROOM } from "~/rooms/kind";
import { roomToken } from "~/rooms/room-token.server";
import { ensureDocumentRoom } from "./documents.server";
import { ROOM_KIND_SERVERS } from "./index.server";

export const RoomTokenRequest = z.object({
  room: z.string({ error: 'Say which room: { "room": "<room id>" }.' }).min(1).max(200),
});

/**
 * A Liveblocks access token for one room, if the room's kind admits this person (each
 * kind's `admit`: members of the room's workspace for every kind, guests of a session for
 * request rooms). Unknown rooms and other workspaces' rooms get the same 404, so neither
 * can be told apart. Archived workspaces and documents are read-only in their rooms too. The
 * lease check of an open page asks the same without taking a seat (app/auth/room-access.server.ts).
 */
export async function issueRoomToken(user: SessionUser, roomId: string): Promise<{ status: number; body: string }> {
  const document = await findRoomDocument(user.id, roomId);
  if (!document) return { status: 404, body: JSON.stringify({ error: NO_SUCH_ROOM }) };
  const admission = await ROOM_KIND_SERVERS[document.kind].admit({
    user,
    document,
    memberRole: document.memberRole,
  });
  if ("refused" in admission)
    return { status: admission.refused.status, body: JSON.stringify({ error: admission.refused.message }) };
  return roomToken(user, roomId, { role: admission.role, access: archivedAccess(admission.access, document) }, () =>
    ensureDocumentRoom(document),
  );
}
