import { LiveMap, LiveObject } from "@liveblocks/node";
import { prisma } from "~/db/client.server";
import type { CommentThread } from "~/generated/prisma/client";
import { liveMapAt } from "~/rooms/live-fields";
import { liveblocks } from "~/rooms/liveblocks.server";
import type { ThreadMirror } from "./room-types";

/**
 * Writes a thread's summary into its canvas room after a change in PostgreSQL, so every
 * open canvas learns of it at once and refetches the thread from the server. The room
 * copy is a signal, not the truth: browsers render threads from what the server returns.
 * A failed mirror is logged, never fatal: the change is committed, and the next one (or
 * a page load) brings the room up to date.
 */
export async function mirrorThread(roomId: string, threadId: string) {
  try {
    const thread = await prisma.commentThread.findUnique({ where: { id: threadId }, select: MIRRORED });
    await liveblocks().mutateStorage(roomId, ({ root }) => {
      const threads = liveMapAt(root, "threads");
      if (!thread) {
        threads.delete(threadId);
        return;
      }
      const before = threads.get(threadId);
      const revision = before instanceof LiveObject ? before.get("revision") : 0;
      threads.set(threadId, new LiveObject(mirrorOf(thread, (typeof revision === "number" ? revision : 0) + 1)));
    });
  } catch (error) {
    console.error(
      `Could not mirror comment thread ${threadId} into room ${roomId}:`,
      error instanceof Error ? error.message : error,
    );
  }
}

/**
 * Every thread of a canvas as PostgreSQL has it (a repair writes the mirror whole). Each
 * revision starts from the repair's time, so every open canvas sees every thread move and
 * refetches it.
 */
export async function threadMirrorsFromDatabase(documentId: string) {
  const threads = await prisma.commentThread.findMany({ where: { documentId }, select: { id: true, ...MIRRORED } });
  const revision = Date.now();
  return {
    threads: new LiveMap(threads.map((thread) => [thread.id, new LiveObject(mirrorOf(thread, revision))])),
  };
}

const MIRRORED = {
  shapeId: true,
  x: true,
  y: true,
  resolvedAt: true,
  updatedAt: true,
  _count: { select: { comments: true } },
} as const;

function mirrorOf(
  thread: Pick<CommentThread, "shapeId" | "x" | "y" | "resolvedAt" | "updatedAt"> & { _count: { comments: number } },
  revision: number,
): ThreadMirror {
  return {
    revision,
    shapeId: thread.shapeId,
    x: thread.x,
    y: thread.y,
    resolved: thread.resolvedAt !== null,
    commentCount: thread._count.comments,
    updatedAt: thread.updatedAt.toISOString(),
  };
}
