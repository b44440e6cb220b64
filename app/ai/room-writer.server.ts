import { LiveList, LiveObject } from "@liveblocks/node";
import type { AiChatMessage } from "./room-types";
import { liveListAt, liveObjectsIn } from "~/rooms/live-fields";
import { liveblocks } from "~/rooms/liveblocks.server";
import { GENERATION } from "./model-settings";
import { acquireRoom, type RoomHandle } from "./room-connection.server";

/**
 * Writes a thread's messages into its room from the server (rooms are not trusted, so
 * only the server writes messages: docs/decisions/004 and 021). A streaming answer is
 * written in batches, at most every `flushMs`, each carrying everything that arrived
 * since the last. Each batch appends only the new text (a chunk), so a long answer costs
 * what it says, not its square. One-off writes (AI-off answers, repairs) use REST.
 */
export type MessageSnapshot = Omit<AiChatMessage, "chunks">;

type Root = LiveObject<Liveblocks["Storage"]>;

/** The room's thread (a new one if the room has none, or a client put something else there). */
function messagesOf(root: Root): LiveList<LiveObject<AiChatMessage>> {
  return liveListAt(root, "messages");
}

function findMessage(root: Root, id: string): LiveObject<AiChatMessage> | undefined {
  const messages = root.get("messages");
  if (!(messages instanceof LiveList)) return undefined;
  const found = liveObjectsIn(messages).findLast(([, message]) => message.get("id") === id);
  const chunks = found?.[1].get("chunks");
  // A message whose chunks a client replaced cannot take more text: write it afresh.
  if (found && !(chunks instanceof LiveList)) found[1].set("chunks", new LiveList<string>([]));
  return found?.[1];
}

export function toLive(snapshot: MessageSnapshot): LiveObject<AiChatMessage> {
  return new LiveObject<AiChatMessage>({ ...snapshot, chunks: new LiveList<string>([]) });
}

/** Adds messages to the end of the room's thread (skipping any already there). */
export async function addMessagesToRoom(roomId: string, snapshots: MessageSnapshot[]) {
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    const messages = messagesOf(root as Root);
    for (const snapshot of snapshots) if (!findMessage(root as Root, snapshot.id)) messages.push(toLive(snapshot));
  });
}

/** Overwrites fields of a message in the room (adding it, from `snapshot`, if the room lost it). */
async function updateMessage(
  roomId: string,
  snapshot: MessageSnapshot,
  update: (message: LiveObject<AiChatMessage>) => void,
) {
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    let message = findMessage(root as Root, snapshot.id);
    if (!message) {
      message = toLive(snapshot);
      messagesOf(root as Root).push(message);
    }
    update(message);
  });
}

/** Writes a message's final state into the room (adding it if the room lost it). */
export async function writeFinalMessage(roomId: string, snapshot: MessageSnapshot) {
  await updateMessage(roomId, snapshot, (message) => {
    message.update({
      content: snapshot.content,
      status: snapshot.status,
      failure: snapshot.failure,
      usage: snapshot.usage,
      updatedAt: Date.now(),
    });
    message.get("chunks").clear();
  });
}

/** Answers streaming right now, sharing GENERATION.roomWritesPerSecond. */
let streaming = 0;

/** The pause between one answer's writes: its own minimum, or its share of the server's budget. */
export function flushInterval(minimumMs: number, writesPerSecond: number, streams = streaming): number {
  return Math.max(minimumMs, Math.ceil((Math.max(1, streams) * 1000) / writesPerSecond));
}

/**
 * One answer streaming into its room through the server's room connection
 * (room-connection.server.ts): the question and the empty answer are added when the
 * connection is up, then text is appended in batches, then the final state is written.
 * If the connection can't be had, the final state still goes in over REST.
 */
export class RoomMessageStream {
  private text = "";
  private pending = "";
  private lastFlushAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private released = false;
  private readonly handle: Promise<RoomHandle | null>;

  constructor(
    private readonly roomId: string,
    private readonly snapshot: MessageSnapshot,
    private readonly flushMs: number,
    preamble: MessageSnapshot[] = [],
    private readonly writesPerSecond = GENERATION.roomWritesPerSecond,
  ) {
    streaming++;
    this.handle = acquireRoom(roomId).then(
      (handle) => {
        const root = handle.root as Root;
        handle.batch(() => {
          const messages = messagesOf(root);
          for (const message of [...preamble, snapshot])
            if (!findMessage(root, message.id)) messages.push(toLive(message));
        });
        return handle;
      },
      (error) => {
        console.error(`ai: could not join room ${roomId} to stream message ${snapshot.id}: ${String(error)}`);
        return null;
      },
    );
  }

  get fullText() {
    return this.text;
  }

  append(delta: string) {
    if (!delta) return;
    this.text += delta;
    this.pending += delta;
    this.schedule();
  }

  private schedule() {
    if (this.timer || this.inFlight || !this.pending) return;
    // The first text goes out at once; later batches keep to the interval.
    const wait = Math.max(0, this.lastFlushAt + flushInterval(this.flushMs, this.writesPerSecond) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.flush().finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
    }, wait);
  }

  private async flush() {
    const handle = await this.handle;
    if (!handle) {
      this.pending = ""; // no connection: the final write (over REST) carries everything
      return;
    }
    const chunk = this.pending;
    this.pending = "";
    this.lastFlushAt = Date.now();
    const at = this.lastFlushAt;
    handle.batch(() => {
      let message = findMessage(handle.root as Root, this.snapshot.id);
      if (!message) {
        message = toLive(this.snapshot); // someone removed it: put it back
        messagesOf(handle.root as Root).push(message);
      }
      message.get("chunks").push(chunk);
      message.set("updatedAt", at);
    });
  }

  /** Stops counting this answer against the write budget (once, however it ended). */
  release() {
    if (this.released) return;
    this.released = true;
    streaming--;
    void this.handle.then((handle) => handle?.release());
  }

  /** Waits for pending writes, then writes the final state: the whole text, chunks folded in. */
  async finish(final: Pick<MessageSnapshot, "status" | "failure" | "usage"> & { content: string }) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = "";
    await this.inFlight;
    const handle = await this.handle;
    const snapshot = { ...this.snapshot, ...final };
    if (handle) {
      const root = handle.root as Root;
      handle.batch(() => {
        let message = findMessage(root, snapshot.id);
        if (!message) {
          message = toLive(snapshot);
          messagesOf(root).push(message);
        }
        message.update({
          content: final.content,
          status: final.status,
          failure: final.failure,
          usage: final.usage,
          updatedAt: Date.now(),
        });
        message.get("chunks").clear();
      });
      await handle.flushed();
    } else {
      for (let attempt = 0; attempt < 4; attempt++) {
        try {
          await writeFinalMessage(this.roomId, snapshot);
          break;
        } catch (error) {
          if (attempt === 3) console.error(`ai: final room write failed for message ${snapshot.id}: ${String(error)}`);
          else await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
        }
      }
    }
    this.release();
  }
}
