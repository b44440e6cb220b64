import { prisma } from "~/db/client.server";

/** A workspace's documents, most recently changed first. Creating one: app/kinds/documents.server.ts. */
export async function listDocuments(workspaceId: string) {
  return prisma.document.findMany({
    where: { workspaceId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, kind: true, title: true, updatedAt: true, createdBy: { select: { name: true } } },
  });
}
