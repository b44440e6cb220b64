import { LiveList, LiveObject } from "@liveblocks/node";
import { liveblocks } from "~/rooms/liveblocks.server";
import type { ChatEntry, HistoryEntry, SentResponse } from "../../liveblocks.config";

/**
 * What the server writes into a request room after deciding: the response everyone
 * sees, the history of sends, and chat messages. Browsers only read these parts.
 * The room keeps the latest HISTORY_IN_ROOM sends and CHAT_IN_ROOM messages; PostgreSQL
 * keeps all of them.
 */
export const HISTORY_IN_ROOM = 50;
export const CHAT_IN_ROOM = 300;

export async function writeResponse(roomId: string, response: SentResponse) {
  const entry: HistoryEntry = {
    id: response.id,
    outcome: response.outcome,
    method: response.method,
    url: response.url,
    status: response.status,
    error: response.error,
    durationMs: response.durationMs,
    sentBy: response.sentBy,
    sentAt: response.sentAt,
  };
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    const current = root.get("response");
    if (current) current.set("current", response);
    else root.set("response", new LiveObject({ current: response }));
    const history = root.get("history") ?? (root.set("history", new LiveList([])), root.get("history")!);
    history.push(entry);
    while (history.length > HISTORY_IN_ROOM) history.delete(0);
  });
}

export async function appendChat(roomId: string, message: ChatEntry) {
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    const chat = root.get("chat") ?? (root.set("chat", new LiveList([])), root.get("chat")!);
    chat.push(message);
    while (chat.length > CHAT_IN_ROOM) chat.delete(0);
  });
}
