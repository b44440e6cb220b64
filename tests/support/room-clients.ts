import { createClient, type LiveObject } from "@liveblocks/client";
import WebSocket from "ws";
import type { CookieClient } from "./browserless-client";

/**
 * A person's connection to a room from Node, authenticated like their browser (the app's
 * /api/liveblocks-auth with their session). It keeps whatever token it got and reconnects
 * with it, but never runs the page's lease check: it behaves like a page that was kept
 * open and stopped cooperating (stuck, or tampered with).
 */
export async function joinRoom(client: CookieClient, roomId: string) {
  const lb = createClient({
    baseUrl: process.env.LIVEBLOCKS_BASE_URL,
    throttle: 16,
    lostConnectionTimeout: 2_000,
    polyfills: { WebSocket: WebSocket as never, fetch },
    authEndpoint: async (room) => {
      const response = await client.request("/api/liveblocks-auth", { method: "POST", json: { room } });
      return response.json();
    },
  });
  const { room, leave } = lb.enterRoom(roomId, { initialPresence: { cursor: null, editing: null } } as never);
  const statuses: string[] = [];
  room.subscribe("status", (s) => statuses.push(s));
  const { root } = await room.getStorage();
  const storage = root as unknown as LiveObject<Record<string, string>>;
  return {
    room,
    statuses,
    /** The value this connection currently sees under `key` at the top of the storage. */
    read: (key: string) => storage.get(key),
    write: (key: string, value: string) => storage.set(key, value),
    canWrite: () => room.getSelf()?.canWrite ?? null,
    status: () => room.getStatus(),
    leave: () => {
      leave();
      lb.logout();
    },
  };
}
