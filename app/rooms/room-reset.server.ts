import type { PlainLsonObject } from "@liveblocks/node";
import { isLiveblocksStatus, liveblocks } from "./liveblocks.server";

/**
 * Closes every connection to a room and lets the allowed back in: neither Liveblocks nor
 * its local dev server can end one person's connection, and a room's permission list is
 * read only when someone connects. Deleting the room closes all of them (code 4100, the
 * clients re-authenticate and reconnect at once); the room is created again, straight away,
 * with its permission list, metadata, storage and Yjs document as they were, so the people
 * still on the list find their document as it was and the others are refused (4001).
 *
 * The price, paid only when someone who lost access did not leave on their own: everyone
 * in the room reconnects (a second or two), undo history starts afresh, and an edit made in
 * the few milliseconds between reading and deleting the room is lost.
 */
export async function resetRoomConnections(roomId: string): Promise<void> {
  const client = liveblocks();
  let room;
  try {
    room = await client.getRoom(roomId);
  } catch (error) {
    if (isLiveblocksStatus(error, 404)) return;
    throw error;
  }
  const [storage, yjs] = await Promise.all([
    client.getStorageDocument(roomId, "plain-lson") as Promise<PlainLsonObject>,
    client.getYjsDocumentAsBinaryUpdate(roomId),
  ]);
  await client.deleteRoom(roomId);
  try {
    await client.createRoom(roomId, {
      defaultAccesses: [],
      usersAccesses: room.usersAccesses as Record<string, ["room:write"]>,
      groupsAccesses: room.groupsAccesses as Record<string, ["room:write"]>,
      metadata: room.metadata,
    });
  } catch (error) {
    // A page load re-created it first (ensureRoom): give it back its list.
    if (!isLiveblocksStatus(error, 409)) throw error;
    await client.updateRoom(roomId, { usersAccesses: room.usersAccesses as Record<string, ["room:write"]> });
  }
  await restoreStorage(roomId, storage);
  // An empty Yjs document encodes as two bytes; only rooms with collaborative text have more.
  if (yjs.byteLength > 2) await client.sendYjsBinaryUpdate(roomId, new Uint8Array(yjs));
}

async function restoreStorage(roomId: string, storage: PlainLsonObject) {
  const client = liveblocks();
  try {
    await client.initializeStorageDocument(roomId, storage);
  } catch (error) {
    if (!isLiveblocksStatus(error, 409)) throw error;
    // ensureRoom wrote the kind's initial storage in between: replace it with what the room held.
    await client.deleteStorageDocument(roomId);
    await client.initializeStorageDocument(roomId, storage);
  }
}
