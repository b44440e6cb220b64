import type { LiveList, LiveObject } from "@liveblocks/client";

/**
 * The types of every room of the app, in one place (Liveblocks' global augmentation).
 * Rooms hold collaborative state only; anything with consequences lives in PostgreSQL
 * and is decided on the server (docs/decisions/004-rooms-are-not-trusted.md).
 */

export type RoomKind = "REQUEST" | "AI" | "CANVAS" | "APPROVALS";

export type Presence = {
  /** Pointer position in the room surface's own coordinates (px), or null when away. */
  cursor: { x: number; y: number } | null;
  /** The field or element this person is editing (a stable id), for "who is where". */
  editing: string | null;
};

export type UserInfo = {
  name: string;
  color: string;
  /** Viewers can look and point but not change storage; shown next to their avatar. */
  role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
};

export type UserMeta = { id: string; info: UserInfo };

export type RoomEvent = { type: "NOTICE"; message: string };

/** Shared by every kind until its capability replaces the placeholder body. */
export type ScratchpadStorage = { scratchpad: LiveObject<{ text: string }> };

export type RequestRoomStorage = ScratchpadStorage & {
  request: LiveObject<{ method: string; url: string }>;
};

/**
 * One message of an AI chat thread as the room shows it. The server writes every field
 * (docs/decisions/021-streaming-answers-into-rooms.md): an answer's text arrives in
 * `chunks` while it streams (append-only, so each write carries only the new text), and
 * is folded into `content` when it ends. PostgreSQL keeps the thread's history.
 */
export type AiChatMessage = {
  id: string;
  role: "user" | "assistant";
  mode: "GENERATE" | "EXPLAIN" | "DEBUG";
  language: string;
  apiSlug: string | null;
  authorName: string;
  content: string;
  chunks: LiveList<string>;
  /** Explain and debug: the pasted code and error. */
  code: string | null;
  errorText: string | null;
  status: "streaming" | "complete" | "error";
  failure: string | null;
  /** "claude": a model's answer; "spec": generated from the OpenAPI spec with AI off. */
  source: "claude" | "spec";
  usage: { model: string; inputTokens: number; outputTokens: number; costUsd: number } | null;
  createdAt: number;
  /** Server clock (ms) of the last write: shows liveness, and benchmarks measure delay with it. */
  updatedAt: number;
};

/** What the next question will be about; shared, so the room agrees on it. */
export type AiComposer = { mode: "GENERATE" | "EXPLAIN" | "DEBUG"; language: string; apiSlug: string | null };

export type AiRoomStorage = ScratchpadStorage & {
  composer: LiveObject<AiComposer>;
  messages: LiveList<LiveObject<AiChatMessage>>;
};
export type CanvasRoomStorage = ScratchpadStorage;
export type ApprovalsRoomStorage = ScratchpadStorage;

export type StorageByKind = {
  REQUEST: RequestRoomStorage;
  AI: AiRoomStorage;
  CANVAS: CanvasRoomStorage;
  APPROVALS: ApprovalsRoomStorage;
};

/**
 * Liveblocks allows one Storage type per app. Every room's root says its kind, and the
 * fields of the other kinds are optional, so a room body checks its own fields exist.
 * All optional also means browsers pass no initialStorage: the server writes it when
 * the document is created (app/rooms/initial-storage.ts).
 */
export type Storage = Partial<{ kind: RoomKind } & RequestRoomStorage & AiRoomStorage & CanvasRoomStorage & ApprovalsRoomStorage>;

declare global {
  interface Liveblocks {
    Presence: Presence;
    Storage: Storage;
    UserMeta: UserMeta;
    RoomEvent: RoomEvent;
  }
}
