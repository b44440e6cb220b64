import { LiveMap, type JsonObject, type LiveObject, type LsonObject } from "@liveblocks/client";
import * as z from "zod/mini";
import type { ThreadMirror } from "~/comments/room-types";
import { liveMap, liveObject } from "~/rooms/storage-schema";

/**
 * A cost canvas room: the tldraw document, and the server's mirror of its comment threads
 * (PostgreSQL holds the threads; a repair rebuilds the mirror from it).
 */
export type CanvasRoomStorage = {
  /**
   * Every record of the tldraw document (shapes, bindings, pages, assets) by its id, one
   * LiveObject per record whose `props` and `meta` are replaced whole
   * (app/canvas/useRoomTldrawStore.ts, docs/decisions/030).
   */
  records: LiveMap<string, LiveObject<LsonObject>>;
  /** The tldraw schema the records were written with, so older documents can be migrated. */
  tldrawSchema?: JsonObject;
  /** Written only by the server. */
  threads: LiveMap<string, LiveObject<ThreadMirror>>;
};

export const canvasStorageSchema = liveObject({
  // tldraw validates each record's content when it loads it and skips a broken one; a record
  // must at least be a record, or the canvas cannot tell what it is.
  records: liveMap(liveObject({ id: z.string(), typeName: z.string() })),
  tldrawSchema: z.optional(z.record(z.string(), z.unknown())),
  threads: liveMap(
    liveObject({
      revision: z.number(),
      shapeId: z.nullable(z.string()),
      x: z.number(),
      y: z.number(),
      resolved: z.boolean(),
      commentCount: z.number(),
      updatedAt: z.string(),
    }),
  ),
});

// No SchemaCovers assertion here: the type lets a record be any LiveObject (tldraw's record
// types are tldraw's), while the schema asks for what the canvas needs to place one.

export function initialCanvasStorage(): CanvasRoomStorage {
  return {
    records: new LiveMap<string, LiveObject<LsonObject>>(),
    threads: new LiveMap<string, LiveObject<ThreadMirror>>(),
  };
}
