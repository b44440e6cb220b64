import type { Document } from "~/generated/prisma/client";
import { initialStorageFor } from "./initial-storage";
import { isLiveblocksStatus, liveblocks } from "./liveblocks.server";

/**
 * Makes sure a document's room exists with its initial storage. Called when a document
 * is created and again before a room page renders, so a wiped sync server heals itself.
 * Safe to run concurrently: whoever loses the create race finds the room there.
 */
export async function ensureRoom(document: Pick<Document, "roomId" | "kind" | "workspaceId" | "id">) {
  const client = liveblocks();
  try {
    await client.getRoom(document.roomId);
    return;
  } catch (error) {
    if (!isLiveblocksStatus(error, 404)) throw error;
  }
  try {
    await client.createRoom(document.roomId, {
      // No default access: only tokens from our auth endpoint open a room.
      defaultAccesses: [],
      metadata: { workspaceId: document.workspaceId, documentId: document.id, kind: document.kind },
    });
  } catch (error) {
    if (!isLiveblocksStatus(error, 409)) throw error;
  }
  try {
    await client.initializeStorageDocument(document.roomId, initialStorageFor(document.kind));
  } catch (error) {
    if (!isLiveblocksStatus(error, 409)) throw error; // someone else initialised it first
  }
}

export async function deleteRoom(roomId: string) {
  try {
    await liveblocks().deleteRoom(roomId);
  } catch (error) {
    if (!isLiveblocksStatus(error, 404)) throw error;
  }
}
