import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { NO_SUCH_ROOM } from "~/rooms/kind";
import { parseRoomId } from "~/rooms/room-id";
import { roomToken } from "~/rooms/room-token.server";
import { ROOM_KIND_SERVERS } from "./index.server";

export const RoomTokenRequest = z.object({
  room: z.string({ error: 'Say which room: { "room": "<room id>" }.' }).min(1).max(200),
});

/**
 * A Liveblocks access token for one room, if the room's kind admits this person (each
 * kind's `admit`: members of the room's workspace for every kind, guests of a session for
 * request rooms). Unknown rooms and other workspaces' rooms get the same 404, so neither
 * can be told apart.
 */
export async function issueRoomToken(user: SessionUser, roomId: string): Promise<{ status: number; body: string }> {
  const notFound = { status: 404, body: JSON.stringify({ error: NO_SUCH_ROOM }) };
  const parsed = parseRoomId(roomId);
  if (!parsed) return notFound;
  const document = await prisma.document.findUnique({
    where: { roomId },
    select: {
      id: true,
      kind: true,
      roomId: true,
      workspaceId: true,
      workspace: { select: { memberships: { where: { userId: user.id }, select: { role: true } } } },
    },
  });
  if (!document || document.id !== parsed.documentId || document.workspaceId !== parsed.workspaceId) return notFound;
  const admission = await ROOM_KIND_SERVERS[document.kind].admit({
    user,
    document,
    memberRole: document.workspace.memberships[0]?.role ?? null,
  });
  if ("refused" in admission)
    return { status: admission.refused.status, body: JSON.stringify({ error: admission.refused.message }) };
  return roomToken(user, roomId, admission);
}
