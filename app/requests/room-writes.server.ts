import { LiveList, LiveObject } from "@liveblocks/node";
import { prisma } from "~/db/client.server";
import type { ChatMessage, SentRequest } from "~/generated/prisma/client";
import { liveListAt, liveObjectAt } from "~/rooms/live-fields";
import { liveblocks } from "~/rooms/liveblocks.server";
import { colorForUser } from "~/rooms/user-color";
import type { ChatEntry, HistoryEntry, SentResponse } from "./room-types";

/**
 * What the server writes into a request room after deciding: the response everyone
 * sees, the history of sends, and chat messages. Browsers only read these parts.
 * The room keeps the latest HISTORY_IN_ROOM sends and CHAT_IN_ROOM messages; PostgreSQL
 * keeps all of them, and a repair rebuilds the room's copy from it.
 */
export const HISTORY_IN_ROOM = 50;
export const CHAT_IN_ROOM = 300;

export async function writeResponse(roomId: string, response: SentResponse) {
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    liveObjectAt(root, "response", () => new LiveObject({ current: response })).set("current", response);
    const history = liveListAt(root, "history");
    history.push(historyEntryOf(response));
    while (history.length > HISTORY_IN_ROOM) history.delete(0);
  });
}

export async function appendChat(roomId: string, message: ChatEntry) {
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    const chat = liveListAt(root, "chat");
    chat.push(message);
    while (chat.length > CHAT_IN_ROOM) chat.delete(0);
  });
}

/** The room's response, history and chat as PostgreSQL has them (a repair writes them whole). */
export async function requestRoomFromDatabase(documentId: string) {
  const [sends, messages] = await Promise.all([
    prisma.sentRequest.findMany({ where: { documentId }, orderBy: { sentAt: "desc" }, take: HISTORY_IN_ROOM }),
    prisma.chatMessage.findMany({ where: { documentId }, orderBy: { createdAt: "desc" }, take: CHAT_IN_ROOM }),
  ]);
  const responses = sends.reverse().map(sentResponseOf);
  return {
    response: new LiveObject<{ current: SentResponse | null }>({ current: responses.at(-1) ?? null }),
    history: new LiveList(responses.map(historyEntryOf)),
    chat: new LiveList(messages.reverse().map(chatEntryOf)),
  };
}

export function chatEntryOf(message: Pick<ChatMessage, "id" | "authorId" | "authorName" | "text" | "createdAt">) {
  return {
    id: message.id,
    authorId: message.authorId ?? "",
    authorName: message.authorName,
    color: colorForUser(message.authorId ?? message.authorName),
    text: message.text,
    at: message.createdAt.toISOString(),
  } satisfies ChatEntry;
}

function historyEntryOf(response: SentResponse): HistoryEntry {
  const { id, outcome, method, url, status, error, durationMs, sentBy, sentAt } = response;
  return { id, outcome, method, url, status, error, durationMs, sentBy, sentAt };
}

function sentResponseOf(row: SentRequest): SentResponse {
  return {
    id: row.id,
    outcome: row.outcome,
    method: row.method,
    url: row.url,
    status: row.status,
    statusText: row.statusText ?? "",
    error: row.error,
    headers: Array.isArray(row.responseHeaders) ? (row.responseHeaders as SentResponse["headers"]) : [],
    body: row.responseBody ?? "",
    bodyTruncated: row.bodyTruncated,
    contentType: row.contentType ?? "",
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes,
    sentBy: row.sentByName,
    sentAt: row.sentAt.toISOString(),
  };
}
