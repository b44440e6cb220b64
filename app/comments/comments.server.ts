import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Document } from "~/generated/prisma/client";
import { notifyMentioned } from "~/notifications/notifications.server";
import { colorForUser } from "~/rooms/user-color";
import { MAX_COMMENT_LENGTH } from "./limits";
import { mentionedIds } from "./mentions";
import { mirrorThread } from "./thread-mirror.server";

/**
 * Comment threads pinned to a canvas, in PostgreSQL. Every member of the workspace may
 * comment, viewers included (they may not change the canvas itself: a common rule in
 * design tools); people edit and delete only their own comments; anyone in the thread's
 * workspace may resolve and reopen it. Mentions notify, and every change is mirrored into
 * the room so open canvases update at once.
 */

const Body = z
  .string({ error: "Write a comment first." })
  .trim()
  .min(1, "Write a comment first.")
  .max(MAX_COMMENT_LENGTH, `Keep comments under ${MAX_COMMENT_LENGTH} characters.`);
const Coordinate = z.number({ error: "A pin needs a position." }).finite().min(-1e7).max(1e7);
const Id = z.string().uuid();

export const CommentActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      /** The tldraw shape to pin to, or null for a point on the canvas. */
      shapeId: z
        .string()
        .regex(/^shape:[\w-]{1,80}$/, "That is not a shape on this canvas.")
        .nullable(),
      x: Coordinate,
      y: Coordinate,
      body: Body,
    }),
    z.object({ intent: z.literal("reply"), threadId: Id, body: Body }),
    z.object({ intent: z.literal("edit"), commentId: Id, body: Body }),
    z.object({ intent: z.literal("delete"), commentId: Id }),
    z.object({ intent: z.literal("resolve"), threadId: Id, resolved: z.boolean() }),
    z.object({ intent: z.literal("read"), threadId: Id }),
  ],
  { error: "Say what to do: create, reply, edit, delete, resolve or read." },
);
export type CommentAction = z.infer<typeof CommentActionSchema>;

type Actor = { userId: string; workspaceId: string; document: Pick<Document, "id" | "kind" | "roomId"> };
type Outcome = { ok: true; threadId: string | null } | { ok: false; status: number; message: string };

export async function workspaceMembers(workspaceId: string) {
  const rows = await prisma.workspaceMembership.findMany({
    where: { workspaceId },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  return rows.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role, color: colorForUser(m.user.id) }));
}

export async function performCommentAction(actor: Actor, action: CommentAction): Promise<Outcome> {
  if (actor.document.kind !== "CANVAS")
    return { ok: false, status: 400, message: "Comments can be pinned on cost canvases only." };
  const outcome = await run(actor, action);
  if (outcome.ok && outcome.threadId && action.intent !== "read")
    await mirrorThread(actor.document.roomId, outcome.threadId);
  return outcome;
}

async function run({ userId, workspaceId, document }: Actor, action: CommentAction): Promise<Outcome> {
  const notFound = {
    ok: false as const,
    status: 404,
    message: "That comment or thread is not on this canvas any more.",
  };
  switch (action.intent) {
    case "create": {
      const members = await workspaceMembers(workspaceId);
      const thread = await prisma.$transaction(async (tx) => {
        const created = await tx.commentThread.create({
          data: { documentId: document.id, shapeId: action.shapeId, x: action.x, y: action.y, createdById: userId },
          select: { id: true },
        });
        await addComment(tx, {
          threadId: created.id,
          userId,
          workspaceId,
          documentId: document.id,
          body: action.body,
          members,
        });
        return created;
      });
      return { ok: true, threadId: thread.id };
    }
    case "reply": {
      const thread = await prisma.commentThread.findFirst({
        where: { id: action.threadId, documentId: document.id },
        select: { id: true },
      });
      if (!thread) return notFound;
      const members = await workspaceMembers(workspaceId);
      await prisma.$transaction(async (tx) => {
        await addComment(tx, {
          threadId: thread.id,
          userId,
          workspaceId,
          documentId: document.id,
          body: action.body,
          members,
        });
        // A reply to a resolved thread reopens it: the conversation is live again.
        await tx.commentThread.update({ where: { id: thread.id }, data: { resolvedAt: null, resolvedById: null } });
      });
      return { ok: true, threadId: thread.id };
    }
    case "edit": {
      const comment = await ownComment(action.commentId, document.id, userId);
      if (!comment.ok) return comment;
      const members = await workspaceMembers(workspaceId);
      const mentioned = mentionedIds(action.body, members);
      await prisma.$transaction(async (tx) => {
        const before = await tx.commentMention.findMany({ where: { commentId: comment.id }, select: { userId: true } });
        await tx.comment.update({ where: { id: comment.id }, data: { body: action.body, editedAt: new Date() } });
        await tx.commentMention.deleteMany({ where: { commentId: comment.id } });
        if (mentioned.length)
          await tx.commentMention.createMany({ data: mentioned.map((id) => ({ commentId: comment.id, userId: id })) });
        const already = new Set(before.map((m) => m.userId));
        await notifyMentioned(tx, {
          recipients: mentioned.filter((id) => !already.has(id)),
          actorId: userId,
          workspaceId,
          documentId: document.id,
          threadId: comment.threadId,
          commentId: comment.id,
        });
        await tx.commentThread.update({ where: { id: comment.threadId }, data: { updatedAt: new Date() } });
      });
      return { ok: true, threadId: comment.threadId };
    }
    case "delete": {
      const comment = await ownComment(action.commentId, document.id, userId);
      if (!comment.ok) return comment;
      await prisma.$transaction(async (tx) => {
        await tx.comment.delete({ where: { id: comment.id } });
        // A thread with nothing left in it is gone; otherwise the rest of it stays.
        if ((await tx.comment.count({ where: { threadId: comment.threadId } })) === 0)
          await tx.commentThread.delete({ where: { id: comment.threadId } });
        else await tx.commentThread.update({ where: { id: comment.threadId }, data: { updatedAt: new Date() } });
      });
      return { ok: true, threadId: comment.threadId };
    }
    case "resolve": {
      const { count } = await prisma.commentThread.updateMany({
        where: { id: action.threadId, documentId: document.id },
        data: action.resolved
          ? { resolvedAt: new Date(), resolvedById: userId }
          : { resolvedAt: null, resolvedById: null },
      });
      return count === 1 ? { ok: true, threadId: action.threadId } : notFound;
    }
    case "read": {
      const thread = await prisma.commentThread.findFirst({
        where: { id: action.threadId, documentId: document.id },
        select: { id: true },
      });
      if (!thread) return notFound;
      const now = new Date();
      await prisma.$transaction([
        prisma.commentThreadRead.upsert({
          where: { threadId_userId: { threadId: thread.id, userId } },
          create: { threadId: thread.id, userId, readAt: now },
          update: { readAt: now },
        }),
        prisma.notification.updateMany({ where: { userId, threadId: thread.id, readAt: null }, data: { readAt: now } }),
      ]);
      return { ok: true, threadId: thread.id };
    }
  }
}

async function addComment(
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
  {
    threadId,
    userId,
    workspaceId,
    documentId,
    body,
    members,
  }: {
    threadId: string;
    userId: string;
    workspaceId: string;
    documentId: string;
    body: string;
    members: { id: string; name: string }[];
  },
) {
  const mentioned = mentionedIds(body, members);
  const comment = await tx.comment.create({
    data: { threadId, authorId: userId, body, mentions: { create: mentioned.map((id) => ({ userId: id })) } },
    select: { id: true, createdAt: true },
  });
  // Writing in a thread means you have read it.
  await tx.commentThreadRead.upsert({
    where: { threadId_userId: { threadId, userId } },
    create: { threadId, userId, readAt: comment.createdAt },
    update: { readAt: comment.createdAt },
  });
  await notifyMentioned(tx, {
    recipients: mentioned,
    actorId: userId,
    workspaceId,
    documentId,
    threadId,
    commentId: comment.id,
  });
}

async function ownComment(commentId: string, documentId: string, userId: string) {
  const comment = await prisma.comment.findFirst({
    where: { id: commentId, thread: { documentId } },
    select: { id: true, threadId: true, authorId: true },
  });
  if (!comment) return { ok: false as const, status: 404, message: "That comment is not on this canvas any more." };
  if (comment.authorId !== userId)
    return { ok: false as const, status: 403, message: "You can only edit or delete your own comments." };
  return { ok: true as const, id: comment.id, threadId: comment.threadId };
}

/** Every thread of a canvas as this person sees it: comments, unread, mentions of them. */
export async function listThreads(documentId: string, userId: string) {
  const threads = await prisma.commentThread.findMany({
    where: { documentId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      shapeId: true,
      x: true,
      y: true,
      createdAt: true,
      updatedAt: true,
      resolvedAt: true,
      resolvedBy: { select: { name: true } },
      reads: { where: { userId }, select: { readAt: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          createdAt: true,
          editedAt: true,
          author: { select: { id: true, name: true } },
          mentions: { select: { userId: true } },
        },
      },
    },
  });
  return threads.map((t) => {
    const readAt = t.reads[0]?.readAt ?? null;
    return {
      id: t.id,
      shapeId: t.shapeId,
      x: t.x,
      y: t.y,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      resolved: t.resolvedAt !== null,
      resolvedByName: t.resolvedBy?.name ?? null,
      unread: t.comments.some((c) => c.author?.id !== userId && (!readAt || c.createdAt > readAt)),
      mentionsMe: t.comments.some((c) => c.mentions.some((m) => m.userId === userId)),
      comments: t.comments.map((c) => ({
        id: c.id,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
        edited: c.editedAt !== null,
        mine: c.author?.id === userId,
        author: c.author
          ? { name: c.author.name, color: colorForUser(c.author.id) }
          : { name: "A former member", color: "#888" },
      })),
    };
  });
}
export type ThreadView = Awaited<ReturnType<typeof listThreads>>[number];
