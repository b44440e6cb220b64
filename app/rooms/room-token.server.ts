import { liveblocks } from "./liveblocks.server";
import type { RoomRole } from "./presence";
import { colorForUser } from "./user-color";

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
  session.allow(roomId, grant.access === "write" ? ["room:write"] : ["room:read", "room:presence:write"]);
  return session.authorize();
}
