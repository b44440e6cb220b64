import { LiveMap, LiveObject } from "@liveblocks/node";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import type { ThreadMirror } from "../../liveblocks.config";

/**
 * Writes a thread's summary into its canvas room after a change in PostgreSQL, so every
 * open canvas learns of it at once and refetches the thread from the server. The room
 * copy is a signal, not the truth: browsers render threads from what the server returns.
 * A failed mirror is logged, never fatal: the change is committed, and the next one (or
 * a page load) brings the room up to date.
 */
export async function mirrorThread(roomId: string, threadId: string) {
  try {
    const thread = await prisma.commentThread.findUnique({
      where: { id: threadId },
      select: {
        shapeId: true,
        x: true,
        y: true,
        resolvedAt: true,
        updatedAt: true,
        _count: { select: { comments: true } },
      },
    });
    await liveblocks().mutateStorage(roomId, ({ root }) => {
      let threads = root.get("threads");
      if (!threads) {
        threads = new LiveMap<string, LiveObject<ThreadMirror>>();
        root.set("threads", threads);
      }
      if (!thread) {
        threads.delete(threadId);
        return;
      }
      const mirror: ThreadMirror = {
        revision: (threads.get(threadId)?.get("revision") ?? 0) + 1,
        shapeId: thread.shapeId,
        x: thread.x,
        y: thread.y,
        resolved: thread.resolvedAt !== null,
        commentCount: thread._count.comments,
        updatedAt: thread.updatedAt.toISOString(),
      };
      threads.set(threadId, new LiveObject(mirror));
    });
  } catch (error) {
    console.error(
      `Could not mirror comment thread ${threadId} into room ${roomId}:`,
      error instanceof Error ? error.message : error,
    );
  }
}
