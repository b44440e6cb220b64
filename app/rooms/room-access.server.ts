import { z } from "zod";
import { prisma } from "~/db/client.server";
import { activeGuestGrant } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { env } from "~/config/env.server";
import { startRecorderSoon } from "~/requests/recorder.server";
import { takeSeat } from "~/requests/seats.server";
import type { SessionUser } from "~/auth/session.server";
import { liveblocks } from "./liveblocks.server";
import { parseRoomId } from "./room-id";
import { colorForUser } from "./user-color";

export const RoomTokenRequest = z.object({
  room: z.string({ error: 'Say which room: { "room": "<room id>" }.' }).min(1).max(200),
});

/**
 * A Liveblocks access token for one room, only for members of the room's workspace:
 * write access for roles that may write, read and presence for viewers. Unknown rooms
 * and other workspaces' rooms get the same 404, so neither can be told apart.
 * Request sessions also admit their guests (people who joined by code, see
 * authorize.server.ts), hold at most SESSION_MAX_PARTICIPANTS people, and are recorded.
 */
export async function issueRoomToken(user: SessionUser, roomId: string): Promise<{ status: number; body: string }> {
  const notFound = {
    status: 404,
    body: JSON.stringify({ error: "No such room, or you are not a member of its workspace." }),
  };
  const parsed = parseRoomId(roomId);
  if (!parsed) return notFound;
  const document = await prisma.document.findUnique({
    where: { roomId },
    select: {
      id: true,
      kind: true,
      workspaceId: true,
      workspace: { select: { memberships: { where: { userId: user.id }, select: { role: true } } } },
    },
  });
  if (!document || document.id !== parsed.documentId || document.workspaceId !== parsed.workspaceId) return notFound;
  const role =
    document.workspace.memberships[0]?.role ??
    ((await activeGuestGrant(user.id, document.id)) ? ("GUEST" as const) : null);
  if (!role) return notFound;

  if (document.kind === "REQUEST") {
    const seat = await takeSeat(roomId, user.id);
    if (!seat.ok) {
      const max = env().SESSION_MAX_PARTICIPANTS;
      return {
        status: 403,
        body: JSON.stringify({
          error: `This session is full: at most ${max} people can be in it at once. Try again when someone leaves.`,
        }),
      };
    }
    startRecorderSoon(document.id);
  }

  const session = liveblocks().prepareSession(user.id, {
    userInfo: { name: user.name, color: colorForUser(user.id), role },
  });
  session.allow(roomId, role === "GUEST" || can(role, "write") ? ["room:write"] : ["room:read", "room:presence:write"]);
  return session.authorize();
}
