import type { Liveblocks as LiveblocksClient } from "@liveblocks/node";
import { liveblocks } from "./liveblocks.server";
import type { RoomRole } from "./presence";
import { colorForUser } from "./user-color";

/**
 * What a token grants, as narrow as the engine allows (docs/decisions/066): one room by its
 * exact id, never a prefix; storage and presence, written or only read; and none of the
 * engine's features the app does not use (Liveblocks Comments and Feeds: our comments live in
 * PostgreSQL), so a token cannot write threads or feeds nobody checks. The engine has no
 * finer scope than the whole storage: what a writer may put there is checked by each kind's
 * schema, repaired by the server, and never trusted (docs/decisions/004).
 */
export const ROOM_SCOPES = {
  write: ["room:write", "comments:none", "feeds:none"],
  read: ["room:read", "room:presence:write", "comments:none", "feeds:none"],
} as const satisfies Record<"write" | "read", Scopes>;

type Scopes = Parameters<ReturnType<LiveblocksClient["prepareSession"]>["allow"]>[1];

/**
 * A Liveblocks access token for one room, for someone the room's kind admitted
 * (app/kinds/room-access.server.ts): write access, or read and presence (viewers).
 */
export async function roomToken(
  user: { id: string; name: string },
  roomId: string,
  grant: { role: RoomRole; access: "write" | "read" },
): Promise<{ status: number; body: string }> {
  const session = liveblocks().prepareSession(user.id, {
    userInfo: { name: user.name, color: colorForUser(user.id), role: grant.role },
  });
  session.allow(roomId, ROOM_SCOPES[grant.access]);
  return session.authorize();
}
