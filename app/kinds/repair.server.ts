import type { Document } from "~/generated/prisma/client";
import { repairRoomStorage } from "~/rooms/repair.server";
import { ROOM_KINDS } from "./index";
import { ROOM_KIND_SERVERS } from "./index.server";
import { ensureDocumentRoom } from "./documents.server";

/**
 * Repairs a document's room with its kind's schema and initial storage, rebuilding what
 * PostgreSQL holds (app/rooms/repair.server.ts). Anyone who may write to the room may ask:
 * the outcome is what the room would hold had nobody damaged it.
 */
export async function repairDocumentRoom(document: Pick<Document, "id" | "roomId" | "kind" | "workspaceId">) {
  await ensureDocumentRoom(document);
  const kind = ROOM_KINDS[document.kind];
  return repairRoomStorage({
    roomId: document.roomId,
    kind: document.kind,
    schema: kind.storageSchema,
    initialStorage: kind.initialStorage,
    fromDatabase: await ROOM_KIND_SERVERS[document.kind].rebuildFromDatabase(document),
  });
}
