import { liveblocks } from "./liveblocks.server";
import type { RoomRole, UserInfo } from "./presence";
import { recordRoomGrant, setRoomPermission } from "./room-permissions.server";
import { colorForUser } from "./user-color";

/**
 * A Liveblocks ID token for someone the room's kind admitted (app/kinds/room-access.server.ts),
 * after putting them on the room's permission list with their access, write or read and
 * presence (docs/decisions/073-cutting-room-access.md): the sync engine checks that list
 * whenever they connect, so taking someone off it (and closing the room's connections) keeps
 * them out even with a token they still hold. `healRoom` recreates a room the sync engine lost.
 */
export async function roomToken(
  user: { id: string; name: string },
  roomId: string,
  grant: { role: RoomRole; access: "write" | "read" },
  healRoom: () => Promise<unknown>,
): Promise<{ status: number; body: string }> {
  if (!(await setRoomPermission(roomId, user.id, grant.access))) {
    await healRoom();
    await setRoomPermission(roomId, user.id, grant.access);
  }
  await recordRoomGrant(roomId, user.id);
  const userInfo: UserInfo = { name: user.name, color: colorForUser(user.id), role: grant.role, issuedAt: Date.now() };
  return liveblocks().identifyUser({ userId: user.id, groupIds: [] }, { userInfo });
}
