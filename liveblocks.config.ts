import type { JsonObject, LiveList, LiveMap, LiveObject, LsonObject } from "@liveblocks/client";

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
  /**
   * On a canvas: this person's tldraw presence record (TLInstancePresence: cursor,
   * selection, viewport), which tldraw draws as a collaborator cursor for everyone else.
   */
  canvas?: JsonObject | null;
};

export type UserInfo = {
  name: string;
  color: string;
  /** Viewers can look and point but not change storage; shown next to their avatar. */
  role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" | "GUEST";
};

export type UserMeta = { id: string; info: UserInfo };

export type RoomEvent = { type: "NOTICE"; message: string };

/** Shared by every kind until its capability replaces the placeholder body. */
export type ScratchpadStorage = { scratchpad: LiveObject<{ text: string }> };

/**
 * A request room (a testing session). People edit `request` and `environments`; the
 * body is collaborative text in the room's Yjs document (Y.Text "body"). `response`,
 * `history` and `chat` are written only by the server, after it decided (sending, chat).
 * Secret variables keep their name here, never a value: each person's own value is
 * stored encrypted on the server (app/requests/secrets.server.ts).
 */
export type RequestRow = { id: string; enabled: boolean; name: string; value: string };
export type RequestAuth = {
  type: "none" | "bearer" | "basic" | "apikey";
  token: string;
  username: string;
  password: string;
  keyName: string;
  keyValue: string;
  keyIn: "header" | "query";
};
export type EnvironmentVariable = { id: string; name: string; value: string; secret: boolean };
export type SentResponse = {
  id: string;
  outcome: "OK" | "REFUSED" | "FAILED";
  method: string;
  url: string;
  status: number | null;
  statusText: string;
  error: string | null;
  headers: { name: string; value: string }[];
  body: string;
  bodyTruncated: boolean;
  contentType: string;
  durationMs: number;
  sizeBytes: number;
  sentBy: string;
  sentAt: string;
};
export type HistoryEntry = Pick<
  SentResponse,
  "id" | "outcome" | "method" | "url" | "status" | "error" | "durationMs" | "sentBy" | "sentAt"
>;
export type ChatEntry = { id: string; authorId: string; authorName: string; color: string; text: string; at: string };

export type RequestRoomStorage = {
  request: LiveObject<{
    method: string;
    url: string;
    bodyType: string;
    environmentId: string | null;
    query: LiveList<LiveObject<RequestRow>>;
    headers: LiveList<LiveObject<RequestRow>>;
    auth: LiveObject<RequestAuth>;
  }>;
  environments: LiveList<
    LiveObject<{ id: string; name: string; variables: LiveList<LiveObject<EnvironmentVariable>> }>
  >;
  response: LiveObject<{ current: SentResponse | null }>;
  history: LiveList<HistoryEntry>;
  chat: LiveList<ChatEntry>;
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
/**
 * What the server mirrors of a comment thread (PostgreSQL is the truth, see
 * app/comments): enough to know that a thread changed, and where it is pinned.
 */
export type ThreadMirror = {
  /** Bumped by the server on every change: browsers refetch the thread when it moves. */
  revision: number;
  shapeId: string | null;
  x: number;
  y: number;
  resolved: boolean;
  commentCount: number;
  updatedAt: string;
};

export type CanvasRoomStorage = {
  /**
   * The tldraw document: every record of the document scope (shapes, bindings, pages,
   * assets) by its id, one LiveObject per record whose `props` and `meta` are replaced
   * whole (app/canvas/tldraw-liveblocks.ts).
   */
  records: LiveMap<string, LiveObject<LsonObject>>;
  /** The tldraw schema the records were written with, so older documents can be migrated. */
  tldrawSchema?: JsonObject;
  /** Written only by the server (comment threads live in PostgreSQL). */
  threads: LiveMap<string, LiveObject<ThreadMirror>>;
};
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
export type Storage = Partial<
  { kind: RoomKind } & RequestRoomStorage & AiRoomStorage & CanvasRoomStorage & ApprovalsRoomStorage
>;

declare global {
  interface Liveblocks {
    Presence: Presence;
    Storage: Storage;
    UserMeta: UserMeta;
    RoomEvent: RoomEvent;
  }
}
