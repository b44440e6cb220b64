import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { DocumentKind } from "~/generated/prisma/enums";
import { roomIdFor } from "~/rooms/room-id";
import { deleteRoom, ensureRoom } from "~/rooms/rooms.server";
import { DOCUMENT_KINDS } from "./document-kinds";

export const CreateDocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, {
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
  await ensureRoom({ id, roomId, kind: input.kind, workspaceId: input.workspaceId });
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

export async function listDocuments(workspaceId: string) {
  return prisma.document.findMany({
    where: { workspaceId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, kind: true, title: true, updatedAt: true, createdBy: { select: { name: true } } },
  });
}
