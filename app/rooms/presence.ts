import type { JsonObject } from "@liveblocks/client";

/**
 * What every room shares whatever its kind: each person's presence, who they are, and the
 * events a room broadcasts. liveblocks.config.ts puts these into Liveblocks' global types,
 * next to the storage of every kind (app/kinds).
 */
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

export type RoomRole = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" | "GUEST";

export type UserInfo = {
  name: string;
  color: string;
  /** Viewers can look and point but not change storage; shown next to their avatar. */
  role: RoomRole;
  /**
   * When the token was issued (ms). A connection whose token predates someone's loss of
   * access is closed by the server (app/auth/access-cut.server.ts).
   */
  issuedAt?: number;
};

export type UserMeta = { id: string; info: UserInfo };

/** DOCUMENT_CHANGED: renamed or archived; pages ask the server what it is now (RoomLease). */
export type RoomEvent = { type: "NOTICE"; message: string } | { type: "DOCUMENT_CHANGED" };
