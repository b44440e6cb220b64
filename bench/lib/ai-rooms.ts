import { createClient, type Client } from "@liveblocks/client";
import WebSocket from "ws";

/**
 * Benchmark helpers for AI rooms: a signed-in HTTP session (cookie), AI documents made
 * through the app, and Node room clients (the same @liveblocks/client browsers use) that
 * report when an answer's text first appears and every write's arrival.
 */
export async function logInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  if (res.status !== 302) throw new Error(`log in failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function createAiDocument(baseUrl: string, cookie: string, workspaceId: string, title: string) {
  const res = await fetch(`${baseUrl}/w/${workspaceId}?index`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ kind: "AI", title }),
    redirect: "manual",
  });
  const location = res.headers.get("location");
  const documentId = location?.match(/\/d\/([0-9a-f-]+)$/)?.[1];
  if (!documentId) throw new Error(`creating a document failed: ${res.status}`);
  const roomId = `ws_${workspaceId}:ai:${documentId}`;
  return { documentId, roomId, askUrl: `${baseUrl}/w/${workspaceId}/d/${documentId}/ask` };
}

export function roomClient(baseUrl: string, cookie: string, liveblocksBaseUrl: string): Client {
  return createClient({
    baseUrl: liveblocksBaseUrl,
    throttle: 16,
    polyfills: { WebSocket: WebSocket as never, fetch },
    authEndpoint: async (room) => {
      const res = await fetch(`${baseUrl}/api/liveblocks-auth`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ room }),
      });
      return res.json();
    },
  });
}

type Message = { id: string; role: string; status: string; content: string; chunks: string[]; updatedAt: number };

/**
 * Joins a room and calls back on every change of its messages, with the local receive time.
 * Returns a function that leaves the room.
 */
export async function watchMessages(
  client: Client,
  roomId: string,
  onChange: (messages: Message[], at: number) => void,
) {
  const { room, leave } = client.enterRoom(roomId, { initialPresence: { cursor: null, editing: null } } as never);
  const { root } = await room.getStorage();
  const read = () => (root.get("messages" as never) as { toJSON(): Message[] } | undefined)?.toJSON() ?? [];
  onChange(read(), performance.timeOrigin + performance.now());
  const unsubscribe = room.subscribe(root, () => onChange(read(), performance.timeOrigin + performance.now()), {
    isDeep: true,
  });
  return () => {
    unsubscribe();
    leave();
  };
}

export function ask(askUrl: string, cookie: string, prompt: string, origin: string) {
  return fetch(askUrl, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin },
    body: JSON.stringify({ mode: "GENERATE", language: "typescript", prompt }),
  });
}

/** Peak resident memory of a process, sampled until stopped (Linux /proc). */
export function sampleRss(pid: number, everyMs = 50) {
  let peak = 0;
  const read = async () => {
    const { readFile } = await import("node:fs/promises");
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    peak = Math.max(peak, kb);
    return kb;
  };
  const timer = setInterval(read, everyMs);
  return { read, stop: () => (clearInterval(timer), peak) };
}
