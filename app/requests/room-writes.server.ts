import { isDeepStrictEqual } from "node:util";
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

/** What only the server writes into a request room, as PostgreSQL has it (plain values). */
export type ServerParts = { response: SentResponse | null; history: HistoryEntry[]; chat: ChatEntry[] };

export async function serverPartsFromDatabase(documentId: string): Promise<ServerParts> {
  const [sends, messages] = await Promise.all([
    prisma.sentRequest.findMany({ where: { documentId }, orderBy: { sentAt: "desc" }, take: HISTORY_IN_ROOM }),
    prisma.chatMessage.findMany({ where: { documentId }, orderBy: { createdAt: "desc" }, take: CHAT_IN_ROOM }),
  ]);
  const responses = sends.reverse().map(sentResponseOf);
  return {
    response: responses.at(-1) ?? null,
    history: responses.map(historyEntryOf),
    chat: messages.reverse().map(chatEntryOf),
  };
}

/** The room's response, history and chat as PostgreSQL has them (a repair writes them whole). */
export async function requestRoomFromDatabase(documentId: string) {
  const parts = await serverPartsFromDatabase(documentId);
  return {
    response: new LiveObject<{ current: SentResponse | null }>({ current: parts.response }),
    history: new LiveList(parts.history),
    chat: new LiveList(parts.chat),
  };
}

/**
 * Whether the room shows server-written entries PostgreSQL does not hold as shown: an id it
 * does not know (a forged "201 Created" or a chat line "by" someone), a known id with other
 * content, the same id twice, or something that is no entry at all. Entries PostgreSQL has
 * and the room not yet are fine: the server writes its row first, then the room.
 */
export async function roomShowsForgedEntries(documentId: string, room: Record<string, unknown>): Promise<boolean> {
  const response = (room.response as { current?: unknown } | undefined)?.current ?? null;
  const history = Array.isArray(room.history) ? (room.history as unknown[]) : null;
  const chat = Array.isArray(room.chat) ? (room.chat as unknown[]) : null;
  if (!history || !chat) return true;
  const idOf = (entry: unknown) =>
    typeof entry === "object" && entry !== null && typeof (entry as { id?: unknown }).id === "string"
      ? (entry as { id: string }).id
      : null;
  const sendIds = [...history, ...(response === null ? [] : [response])].map(idOf);
  const chatIds = chat.map(idOf);
  if (sendIds.includes(null) || chatIds.includes(null)) return true;
  if (new Set(chatIds).size !== chatIds.length || new Set(history.map(idOf)).size !== history.length) return true;
  const [sends, messages] = await Promise.all([
    prisma.sentRequest.findMany({ where: { documentId, id: { in: sendIds as string[] } } }),
    prisma.chatMessage.findMany({ where: { documentId, id: { in: chatIds as string[] } } }),
  ]);
  const sendsById = new Map(sends.map((row) => [row.id, sentResponseOf(row)]));
  const chatById = new Map(messages.map((row) => [row.id, chatEntryOf(row)]));
  const known = (entry: unknown, truth: unknown) => truth !== undefined && isDeepStrictEqual(entry, truth);
  return !(
    history.every((entry) => {
      const row = sendsById.get(idOf(entry)!);
      return row !== undefined && known(entry, historyEntryOf(row));
    }) &&
    (response === null || known(response, sendsById.get(idOf(response)!))) &&
    chat.every((entry) => known(entry, chatById.get(idOf(entry)!)))
  );
}

/** Puts PostgreSQL's response, history and chat into the room in place of whatever it shows. */
export async function restoreServerParts(document: { id: string; roomId: string }) {
  const parts = await requestRoomFromDatabase(document.id);
  await liveblocks().mutateStorage(document.roomId, ({ root }) => {
    root.set("response", parts.response);
    root.set("history", parts.history);
    root.set("chat", parts.chat);
  });
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
