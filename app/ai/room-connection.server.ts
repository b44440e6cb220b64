import { createClient, type Client, type LiveObject } from "@liveblocks/client";
import WebSocket from "ws";
import { liveblocks } from "~/rooms/liveblocks.server";
import { ROOM_SCOPES } from "~/rooms/room-permissions.server";
import { env } from "~/config/env.server";
import { AI_USER_ID } from "~/rooms/system-users";

/**
 * The server's own connection to a room while it writes an answer there
 * (docs/decisions/021-streaming-answers-into-rooms.md): a WebSocket client of the room,
 * like a browser's, so each batch of text is a few storage operations on an open socket
 * instead of two REST calls that reload the room's storage. Connections are shared by
 * the answers streaming into the same room and closed a little after the last one ends.
 *
 * The connection's identity is the AI itself (shown as "Claude" in the room while it
 * writes), with a token our server signs for that one room.
 */
export const AI_PARTICIPANT = { id: AI_USER_ID, info: { name: "Claude", color: "#D97757", role: "MEMBER" as const } };
const LINGER_MS = 5_000;

let client: Client | undefined;

function roomClient(): Client {
  return (client ??= createClient({
    baseUrl: env().LIVEBLOCKS_BASE_URL,
    // Operations made within this window go out as one message.
    throttle: 50,
    lostConnectionTimeout: 5_000,
    polyfills: { WebSocket: WebSocket as never, fetch },
    authEndpoint: async (roomId) => {
      const session = liveblocks().prepareSession(AI_PARTICIPANT.id, { userInfo: AI_PARTICIPANT.info });
      session.allow(roomId!, ROOM_SCOPES.write);
      const { status, body } = await session.authorize();
      if (status !== 200) throw new Error(`the sync engine refused the AI's room token (${status})`);
      return JSON.parse(body);
    },
  }));
}

type Entry = {
  users: number;
  root: Promise<LiveObject<Liveblocks["Storage"]>>;
  room: {
    getStorageStatus(): string;
    batch(fn: () => void): void;
    events: { storageStatus: { subscribe(cb: (s: string) => void): () => void } };
  };
  leave: () => void;
  linger?: NodeJS.Timeout;
};
const open = new Map<string, Entry>();

export type RoomHandle = {
  root: LiveObject<Liveblocks["Storage"]>;
  /** Applies the changes as one operation batch: everyone sees all of them or none. */
  batch: (changes: () => void) => void;
  flushed: () => Promise<void>;
  release: () => void;
};

/** Joins the room (or shares the open connection) and resolves with its storage root. */
export async function acquireRoom(roomId: string): Promise<RoomHandle> {
  let entry = open.get(roomId);
  if (!entry) {
    const { room, leave } = roomClient().enterRoom(roomId, { initialPresence: { cursor: null, editing: null } });
    entry = {
      users: 0,
      room,
      leave,
      root: room.getStorage().then(({ root }) => root as LiveObject<Liveblocks["Storage"]>),
    };
    open.set(roomId, entry);
    entry.root.catch(() => close(roomId));
  }
  entry.users++;
  if (entry.linger) clearTimeout(entry.linger);
  const held = entry;
  let released = false;
  return {
    root: await held.root,
    batch: (changes) => held.room.batch(changes),
    flushed: () => waitUntilSynchronized(held),
    release: () => {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0) held.linger = setTimeout(() => close(roomId), LINGER_MS);
    },
  };
}

function close(roomId: string) {
  const entry = open.get(roomId);
  if (!entry || entry.users > 0) return;
  open.delete(roomId);
  entry.leave();
}

/** Resolves when the sync engine has acknowledged every change made so far (or after 10 s). */
function waitUntilSynchronized(entry: Entry): Promise<void> {
  if (entry.room.getStorageStatus() === "synchronized") return Promise.resolve();
  return new Promise((resolve) => {
    const timeout = setTimeout(done, 10_000);
    const unsubscribe = entry.room.events.storageStatus.subscribe((status) => status === "synchronized" && done());
    function done() {
      clearTimeout(timeout);
      unsubscribe();
      resolve();
    }
  });
}

export function openRoomConnections() {
  return open.size;
}
