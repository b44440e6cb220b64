import { LiveList, LiveMap, LiveObject, type Lson, type LsonObject } from "@liveblocks/node";
import type * as z from "zod/mini";
import type { DocumentKind } from "~/generated/prisma/enums";
import { liveblocks } from "./liveblocks.server";
import { containerOf, isLive, matches, unwrapOptional, type StorageSchema } from "./storage-schema";

/**
 * Rebuilds a room's storage that no longer matches its kind's schema (anyone with a write
 * token can put anything there, docs/decisions/004). Within one storage mutation (the sync
 * engine's REST API, @liveblocks/node's mutateStorage), for each field of the schema:
 *   - fields PostgreSQL holds the truth of are written whole from it, damaged or not;
 *   - a collaborative field that still matches is kept as it is (the same live node, so
 *     browsers editing it carry on);
 *   - a damaged collaborative field keeps what is still valid in it: a LiveObject keeps its
 *     valid fields, a LiveList or LiveMap its valid items, and the rest falls back to the
 *     kind's initial storage;
 *   - fields the kind does not have are removed, and the root says its kind again.
 * See docs/decisions/051-repairing-room-storage.md for what each kind keeps and rebuilds.
 */
export type RepairOutcome = "kept" | "salvaged" | "reset" | "rebuilt";
export type RepairReport = { fields: Record<string, RepairOutcome>; removed: string[] };

export async function repairRoomStorage(input: {
  roomId: string;
  kind: DocumentKind;
  schema: StorageSchema;
  initialStorage: () => LsonObject;
  fromDatabase: Record<string, Lson>;
}): Promise<RepairReport> {
  const shape = shapeOf(input.schema);
  const report: RepairReport = { fields: {}, removed: [] };
  await liveblocks().mutateStorage(input.roomId, ({ root: typedRoot }) => {
    // Any key: the room may hold what no kind has.
    const root = typedRoot as unknown as LiveObject<LsonObject>;
    report.fields = {};
    report.removed = [];
    const initial = input.initialStorage();
    for (const key of Object.keys(root.toJSON())) {
      if (key !== "kind" && !(key in shape)) {
        root.delete(key);
        report.removed.push(key);
      }
    }
    if (root.get("kind") !== input.kind) root.set("kind", input.kind);
    for (const [key, schema] of Object.entries(shape)) {
      if (key in input.fromDatabase) {
        root.set(key, input.fromDatabase[key]!);
        report.fields[key] = "rebuilt";
      } else if (matches(schema, root.get(key))) {
        report.fields[key] = "kept";
      } else {
        report.fields[key] = salvage(schema, root, key, initial[key]);
      }
    }
  });
  return report;
}

/** Keeps what is valid of a damaged field, and puts the initial value where nothing is. */
function salvage(
  schema: z.core.$ZodType,
  parent: LiveObject<LsonObject>,
  key: string,
  initial: Lson | undefined,
): "salvaged" | "reset" {
  const value = parent.get(key);
  const container = containerOf(schema);
  const inner = unwrapOptional(schema);
  if (container === "LiveObject" && value instanceof LiveObject) {
    const fresh = initial instanceof LiveObject ? initial : undefined;
    for (const [field, fieldSchema] of Object.entries(shapeOf(inner))) {
      if (!matches(fieldSchema, value.get(field))) salvage(fieldSchema, value, field, fresh?.get(field));
    }
    return "salvaged";
  }
  if (container === "LiveList" && value instanceof LiveList) {
    const { element } = inner._zod.def as unknown as { element: z.core.$ZodType };
    for (let index = value.length - 1; index >= 0; index--) {
      if (!matches(element, value.get(index))) value.delete(index);
    }
    return "salvaged";
  }
  if (container === "LiveMap" && value instanceof LiveMap) {
    const { valueType } = inner._zod.def as unknown as { valueType: z.core.$ZodType };
    for (const [entry, item] of [...value]) if (!matches(valueType, item)) value.delete(entry);
    return "salvaged";
  }
  if (initial === undefined) parent.delete(key);
  else parent.set(key, isLive(initial) ? initial.clone() : initial);
  return "reset";
}

function shapeOf(schema: z.core.$ZodType): Record<string, z.core.$ZodType> {
  return (schema._zod.def as unknown as { shape: Record<string, z.core.$ZodType> }).shape;
}
