import type { RoomStorageOfEveryKind } from "~/kinds";
import type { DocumentKind } from "~/generated/prisma/enums";
import type { Presence, RoomEvent, UserMeta } from "~/rooms/presence";

/**
 * The types of every room of the app (Liveblocks' global augmentation), put together from
 * what all rooms share (app/rooms/presence.ts) and the storage of each room kind
 * (app/kinds/<kind>/storage.ts, listed by the registry app/kinds/index.ts). Nothing in app/
 * imports this file: its declarations are global.
 *
 * Rooms hold collaborative state only; anything with consequences lives in PostgreSQL and is
 * decided on the server (docs/decisions/004-rooms-are-not-trusted.md).
 *
 * Liveblocks allows one Storage type per app. Every room's root says its kind, and the fields
 * of the other kinds are optional, so a room body checks its own fields exist (the storage
 * guard does, against the kind's schema). All optional also means browsers pass no
 * initialStorage: the server writes it when the document is created.
 */
export type Storage = Partial<{ kind: DocumentKind } & RoomStorageOfEveryKind>;

declare global {
  interface Liveblocks {
    Presence: Presence;
    Storage: Storage;
    UserMeta: UserMeta;
    RoomEvent: RoomEvent;
  }
}
