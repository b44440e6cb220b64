import { LiveObject, toPlainLson, type LsonObject } from "@liveblocks/client";
import type { PlainLsonObject } from "@liveblocks/node";
import type { Document } from "~/generated/prisma/client";
import { isLiveblocksStatus, liveblocks } from "./liveblocks.server";

/**
 * Makes sure a document's room exists with its initial storage. Called when a document
 * is created and again before a room page renders, so a wiped sync server heals itself.
 * Safe to run concurrently: whoever loses the create race finds the room there.
 * `initialStorage` is the kind's (app/kinds): rooms/ knows no kind.
 */
export async function ensureRoom(
  document: Pick<Document, "roomId" | "kind" | "workspaceId" | "id">,
  initialStorage: () => LsonObject,
) {
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
    await client.initializeStorageDocument(document.roomId, plainStorage(document.kind, initialStorage()));
  } catch (error) {
    if (!isLiveblocksStatus(error, 409)) throw error; // someone else initialised it first
  }
}

/**
 * A room's storage as the REST API takes it (plain LSON), from the kind's typed live tree;
 * every root says its kind.
 */
export function plainStorage(kind: Document["kind"], storage: LsonObject): PlainLsonObject {
  return toPlainLson(new LiveObject({ kind, ...storage })) as PlainLsonObject;
}

export async function deleteRoom(roomId: string) {
  try {
    await liveblocks().deleteRoom(roomId);
  } catch (error) {
    if (!isLiveblocksStatus(error, 404)) throw error;
  }
}
