import type { LsonObject } from "@liveblocks/client";
import type { DocumentKind } from "~/generated/prisma/enums";
import type { RoomKind } from "~/rooms/kind";
import { aiKind } from "./ai";
import { approvalsKind } from "./approvals";
import { canvasKind } from "./canvas";
import { requestKind } from "./request";

/**
 * The registry of room kinds, browser half: every kind by the kind of document it is. The
 * server half is ./index.server.ts. Only these two files (and the registry's modules next to
 * them) import a kind's folder, and only its entry (index.ts, index.server.ts); routes reach
 * kinds through them, and kinds never import each other (eslint.config.js).
 * Adding a kind: docs/room-kinds.md.
 */
export const ROOM_KINDS = {
  REQUEST: requestKind,
  AI: aiKind,
  CANVAS: canvasKind,
  APPROVALS: approvalsKind,
} satisfies Record<DocumentKind, RoomKind<LsonObject, never>>;

type StorageOf<Kind> = Kind extends { initialStorage: () => infer Storage } ? Storage : never;
type Intersection<Union> = (Union extends unknown ? (x: Union) => void : never) extends (x: infer All) => void
  ? All
  : never;

/** Every kind's storage fields together (liveblocks.config.ts makes them optional). */
export type RoomStorageOfEveryKind = Intersection<StorageOf<(typeof ROOM_KINDS)[DocumentKind]>>;
