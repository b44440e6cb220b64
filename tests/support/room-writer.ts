import { createClient, type LiveObject, type LsonObject } from "@liveblocks/client";
import WebSocket from "ws";

/**
 * A room opened with the real Liveblocks client and a token from the app's own auth
 * endpoint (`tokenFor` asks it as someone): what anyone holding that token can do to the
 * room, whatever the page would let them. `write` waits until the sync engine has the change.
 */
export async function openRoomWithToken(roomId: string, tokenFor: (room: string) => Promise<unknown>) {
  const client = createClient({
    baseUrl: process.env.LIVEBLOCKS_BASE_URL,
    polyfills: { WebSocket: WebSocket as never, fetch },
    authEndpoint: async (room) => (await tokenFor(room!)) as { token: string },
  });
  const { room, leave } = client.enterRoom(roomId, { initialPresence: { cursor: null, editing: null } });
  const { root } = await room.getStorage();
  const storage = root as unknown as LiveObject<LsonObject>;
  return {
    room,
    root: storage,
    leave,
    async write(change: (root: LiveObject<LsonObject>) => void) {
      room.batch(() => change(storage));
      const deadline = Date.now() + 10_000;
      while (room.getStorageStatus() !== "synchronized") {
        if (Date.now() > deadline) throw new Error(`the write to ${roomId} did not synchronise in 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
