import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { prisma } from "~/db/client.server";
import type { Role } from "~/generated/prisma/enums";
import { plainText, stripUnstorable } from "~/http/validation.server";
import { deleteRoom } from "~/rooms/rooms.server";
import { DocumentKind } from "~/generated/prisma/enums";

/**
 * Looking after a workspace's documents: rename (anyone who may write), archive and restore
 * (anyone who may write: an archived document is read-only for everyone and leaves the
 * default list), delete (owners and admins; its room goes too). Open pages learn the new
 * title and access from their lease check (RoomLease), which the renaming page triggers at
 * once for everyone in the room.
 */
export const DocumentTitle = plainText({ required: "Give it a title.", max: 120 });

export const DocumentChangeSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("rename"), title: DocumentTitle }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
    z.object({ intent: z.literal("delete") }),
  ],
  { error: "Choose what to do: rename, archive, restore or delete." },
);
export type DocumentChange = z.infer<typeof DocumentChangeSchema>;

export type DocumentChangeResult =
  { ok: true; message: string; deleted?: boolean } | { ok: false; status: 403 | 404 | 409; message: string };

type Target = {
  id: string;
  title: string;
  roomId: string;
  archivedAt: Date | null;
  workspace: { organizationId: string };
};

export async function changeDocument(
  { document, role, change }: { document: Target; role: Role; change: DocumentChange },
  audit: AuditOrigin,
): Promise<DocumentChangeResult> {
  const needs = change.intent === "delete" ? "manage" : "write";
  if (!can(role, needs))
    return {
      ok: false,
      status: 403,
      message:
        needs === "manage"
          ? "Only owners and admins of the workspace can delete documents."
          : "Viewers can open documents but not change them.",
    };
  const target = { type: "document", id: document.id, label: document.title };
  const organizationId = document.workspace.organizationId;
  switch (change.intent) {
    case "rename": {
      if (document.archivedAt)
        return { ok: false, status: 409, message: "It is archived, so it is read-only. Restore it to rename it." };
      if (change.title === document.title) return { ok: true, message: "The title is unchanged." };
      await prisma.$transaction(async (tx) => {
        await tx.document.update({ where: { id: document.id }, data: { title: change.title } });
        await recordAudit(
          {
            ...audit,
            organizationId,
            action: "document.renamed",
            target: { ...target, label: change.title },
            before: { title: document.title },
            after: { title: change.title },
          },
          tx,
        );
      });
      return { ok: true, message: `Renamed to “${change.title}”.` };
    }
    case "archive":
    case "restore": {
      const archiving = change.intent === "archive";
      if (archiving === (document.archivedAt !== null))
        return { ok: false, status: 409, message: archiving ? "It is already archived." : "It is not archived." };
      await prisma.$transaction(async (tx) => {
        await tx.document.update({
          where: { id: document.id },
          data: { archivedAt: archiving ? new Date() : null },
        });
        await recordAudit(
          { ...audit, organizationId, action: archiving ? "document.archived" : "document.restored", target },
          tx,
        );
      });
      return {
        ok: true,
        message: archiving ? "Archived: it is read-only now. Restore it to change it again." : "Restored.",
      };
    }
    case "delete": {
      await prisma.$transaction(async (tx) => {
        await tx.document.delete({ where: { id: document.id } });
        await recordAudit({ ...audit, organizationId, action: "document.deleted", target }, tx);
      });
      // After the commit: a room left behind by a failure here has no document, so nobody is
      // admitted to it; the next deletion attempt of the same id is a no-op.
      await deleteRoom(document.roomId).catch((error: unknown) =>
        console.error(`documents: room ${document.roomId} of a deleted document was not deleted`, error),
      );
      return { ok: true, message: `Deleted “${document.title}”.`, deleted: true };
    }
  }
}

const SORTS = ["updated", "created", "title"] as const;

/** The workspace page's search, filters and sort, from its query string. */
export const DocumentFilterSchema = z.object({
  // A search is not stored: what PostgreSQL cannot compare is dropped rather than refused.
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => stripUnstorable(q).trim().slice(0, 120)),
  kind: z.enum(DocumentKind).or(z.literal("")).catch("").default(""),
  creator: z.string().uuid().or(z.literal("")).catch("").default(""),
  archived: z
    .enum(["0", "1"])
    .catch("0")
    .default("0")
    .transform((v) => v === "1"),
  sort: z.enum(SORTS).catch("updated").default("updated"),
});
export type DocumentFilters = z.infer<typeof DocumentFilterSchema>;

export function parseDocumentFilters(url: URL): DocumentFilters {
  return DocumentFilterSchema.parse(Object.fromEntries(url.searchParams));
}

const ORDER = {
  updated: { updatedAt: "desc" },
  created: { createdAt: "desc" },
  title: { title: "asc" },
} as const;

export async function searchDocuments(workspaceId: string, filters: DocumentFilters) {
  const [documents, creators, archivedCount] = await Promise.all([
    prisma.document.findMany({
      where: {
        workspaceId,
        archivedAt: filters.archived ? { not: null } : null,
        ...(filters.kind ? { kind: filters.kind as DocumentKind } : {}),
        ...(filters.creator ? { createdById: filters.creator } : {}),
        ...(filters.q ? { title: { contains: filters.q, mode: "insensitive" as const } } : {}),
      },
      orderBy: [ORDER[filters.sort], { id: "asc" }],
      take: 500,
      select: {
        id: true,
        kind: true,
        title: true,
        createdAt: true,
        updatedAt: true,
        archivedAt: true,
        createdBy: { select: { id: true, name: true } },
      },
    }),
    prisma.user.findMany({
      where: { documents: { some: { workspaceId } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    prisma.document.count({ where: { workspaceId, archivedAt: { not: null } } }),
  ]);
  return { documents, creators, archivedCount };
}
