import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";

/**
 * In-app notifications: being @mentioned in a comment, and cost anomalies (written by
 * app/intelligence with a title and a link). Mentions are written in the same
 * transaction as what caused them; shown only while the person is still a member of
 * the workspace they came from.
 */
type Tx = Prisma.TransactionClient;

export async function notifyMentioned(
  tx: Tx,
  {
    recipients,
    actorId,
    workspaceId,
    documentId,
    threadId,
    commentId,
  }: {
    recipients: readonly string[];
    actorId: string;
    workspaceId: string;
    documentId: string;
    threadId: string;
    commentId: string;
  },
) {
  const others = recipients.filter((id) => id !== actorId);
  if (others.length === 0) return;
  await tx.notification.createMany({
    data: others.map((userId) => ({
      userId,
      kind: "MENTION" as const,
      actorId,
      workspaceId,
      documentId,
      threadId,
      commentId,
    })),
  });
}

const visibleTo = (userId: string) => ({ userId, workspace: { memberships: { some: { userId } } } });

export async function listNotifications(userId: string, take = 50) {
  const rows = await prisma.notification.findMany({
    where: visibleTo(userId),
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      createdAt: true,
      readAt: true,
      workspaceId: true,
      documentId: true,
      threadId: true,
      title: true,
      link: true,
      actor: { select: { name: true } },
      document: { select: { title: true } },
      comment: { select: { body: true } },
    },
  });
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
    actorName: n.actor?.name ?? "Someone",
    documentTitle: n.document?.title ?? "a document",
    excerpt: n.comment ? excerpt(n.comment.body) : null,
    // A link the server wrote (kinds other than mentions) is an app path, never a URL of elsewhere.
    href:
      n.link && n.link.startsWith("/") && !n.link.startsWith("//")
        ? n.link
        : n.documentId
          ? `/w/${n.workspaceId}/d/${n.documentId}${n.threadId ? `?thread=${n.threadId}` : ""}`
          : `/w/${n.workspaceId}`,
  }));
}

export function unreadNotificationCount(userId: string) {
  return prisma.notification.count({ where: { ...visibleTo(userId), readAt: null } });
}

/** Marks the given notifications of this person read (all of them when `ids` is omitted). */
export async function markNotificationsRead(userId: string, ids?: readonly string[]) {
  await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: new Date() },
  });
}

function excerpt(body: string) {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
