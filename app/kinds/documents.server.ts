import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Document, DocumentKind } from "~/generated/prisma/client";
import { roomIdFor } from "~/rooms/room-id";
import { deleteRoom, ensureRoom } from "~/rooms/rooms.server";
import { ROOM_KINDS } from "./index";

/**
 * Documents are rooms of a kind: creating one creates its room with the kind's initial
 * storage (opening one: ./open-document.server.ts).
 */
export const KIND_LIST = Object.values(ROOM_KINDS).map(({ kind, copy }) => ({ kind, ...copy }));

export const CreateDocumentSchema = z.object({
  kind: z.enum(Object.keys(ROOM_KINDS) as [DocumentKind, ...DocumentKind[]], {
    error: "Choose what to create: a request, an AI chat, a cost canvas or an approval board.",
  }),
  title: z
    .string({ error: "Give it a title." })
    .trim()
    .min(1, "Give it a title.")
    .max(120, "Use at most 120 characters."),
});

/**
 * Creates a document and its room, room first: if the sync engine is down nothing is
 * written, and if the database refuses the row the new room is removed again.
 */
export async function createDocument(input: {
  workspaceId: string;
  kind: DocumentKind;
  title: string;
  createdById: string;
}) {
  const id = randomUUID();
  const roomId = roomIdFor(input.workspaceId, input.kind, id);
  await ensureRoom({ id, roomId, kind: input.kind, workspaceId: input.workspaceId }, initialStorageOf(input.kind));
  try {
    return await prisma.document.create({
      data: {
        id,
        roomId,
        workspaceId: input.workspaceId,
        kind: input.kind,
        title: input.title,
        createdById: input.createdById,
      },
    });
  } catch (error) {
    await deleteRoom(roomId).catch(() => {});
    throw error;
  }
}

/** A document's room, healed if the sync engine lost it (docs/decisions/004). */
export function ensureDocumentRoom(document: Pick<Document, "roomId" | "kind" | "workspaceId" | "id">) {
  return ensureRoom(document, initialStorageOf(document.kind));
}

const initialStorageOf = (kind: DocumentKind) => ROOM_KINDS[kind].initialStorage;
