import { LiveList, LiveMap, LiveObject, type Lson, type LsonObject, type ToJson } from "@liveblocks/client";
import * as z from "zod/mini";

/**
 * A room kind's storage schema, and the check that a room's storage matches it.
 *
 * Anyone holding a write token can put anything into a room (docs/decisions/004), so every
 * kind declares what its storage must look like, and its body is shown only while the room
 * matches (app/rooms/shell/StorageGuard.tsx); the server checks with the same schema before
 * it repairs a room (repair.server.ts).
 *
 * Plain JSON values are described with zod (its "mini" build: a room page pays a few KiB for
 * it, not zod's full 25). Liveblocks' live containers are described with `liveObject`,
 * `liveList` and `liveMap`: their class matters as much as their content, because a plain
 * object where a LiveMap belongs has the same JSON and breaks every writer. The check walks
 * the live tree with the schema; subtrees that have not changed since they were last found
 * valid are not checked again (Liveblocks keeps a node's JSON snapshot while it is unchanged),
 * so it is cheap enough to run on every storage change.
 */
type Container = "LiveObject" | "LiveList" | "LiveMap";
const CONTAINERS = new WeakMap<z.core.$ZodType, Container>();

/** A LiveObject with these fields (live or plain). Fields not in the shape are not checked. */
export function liveObject<Shape extends z.core.$ZodShape>(shape: Shape) {
  const schema = z.object(shape);
  CONTAINERS.set(schema, "LiveObject");
  return schema;
}

/** A LiveList of items that match `item`. */
export function liveList<Item extends z.core.$ZodType>(item: Item) {
  const schema = z.array(item);
  CONTAINERS.set(schema, "LiveList");
  return schema;
}

/** A LiveMap from string keys to values that match `value`. */
export function liveMap<Value extends z.core.$ZodType>(value: Value) {
  const schema = z.record(z.string(), value);
  CONTAINERS.set(schema, "LiveMap");
  return schema;
}

export type StorageSchema = ReturnType<typeof liveObject>;

/** True when every storage the live type allows passes the schema (assert it in each kind). */
export type SchemaCovers<Schema extends z.core.$ZodType, Live extends LsonObject> =
  ToJson<LiveObject<Live>> extends Frozen<z.infer<Schema>> ? true : false;

/** Storage snapshots are read-only all the way down. */
type Frozen<T> = T extends readonly (infer Item)[]
  ? readonly Frozen<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

export type StorageProblem = { path: string; problem: string };

const MAX_PROBLEMS = 5;
const validSnapshots = new WeakMap<z.core.$ZodType, WeakSet<object>>();

/** What is wrong with `root` (a room's storage root) against `schema`: nothing when it matches. */
export function storageProblems(schema: StorageSchema, root: unknown): StorageProblem[] {
  const problems: StorageProblem[] = [];
  checkNode(schema, root, "", problems);
  return problems;
}

/** Whether one field or item matches its part of a schema (used by repairs). */
export function matches(schema: z.core.$ZodType, value: unknown): boolean {
  const problems: StorageProblem[] = [];
  checkNode(schema, value, "", problems);
  return problems.length === 0;
}

/** The live container a schema node stands for, if any (optional and nullable unwrapped). */
export function containerOf(schema: z.core.$ZodType): Container | undefined {
  return CONTAINERS.get(unwrapOptional(schema));
}

export function unwrapOptional(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return def.type === "optional" && def.innerType ? unwrapOptional(def.innerType) : schema;
}

export function isLive(value: unknown): value is LiveContainer {
  return value instanceof LiveObject || value instanceof LiveList || value instanceof LiveMap;
}

function checkNode(schema: z.core.$ZodType, value: unknown, path: string, problems: StorageProblem[]) {
  if (problems.length >= MAX_PROBLEMS) return;
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  if (def.type === "optional") {
    if (value !== undefined) checkNode(def.innerType!, value, path, problems);
    return;
  }
  const container = CONTAINERS.get(schema);
  if (!container) return checkPlain(schema, value, path, problems);
  if (!isContainer(value, container)) {
    problems.push({ path: path || "storage", problem: `should be a ${container}, is ${describe(value)}` });
    return;
  }
  // Unchanged since it was last found valid: the same snapshot object.
  const snapshot = value.toJSON() as object;
  const valid = validSnapshots.get(schema);
  if (valid?.has(snapshot)) return;
  const before = problems.length;
  if (value instanceof LiveObject) {
    const { shape } = schema._zod.def as unknown as { shape: Record<string, z.core.$ZodType> };
    for (const [key, field] of Object.entries(shape)) checkNode(field, value.get(key), join(path, key), problems);
  } else if (value instanceof LiveList) {
    const { element } = schema._zod.def as unknown as { element: z.core.$ZodType };
    value.forEach((item, index) => checkNode(element, item, `${path}[${index}]`, problems));
  } else if (value instanceof LiveMap) {
    const { valueType } = schema._zod.def as unknown as { valueType: z.core.$ZodType };
    for (const [key, item] of value) checkNode(valueType, item, join(path, key), problems);
  }
  if (problems.length === before) {
    if (!valid) validSnapshots.set(schema, new WeakSet([snapshot]));
    else valid.add(snapshot);
  }
}

function checkPlain(schema: z.core.$ZodType, value: unknown, path: string, problems: StorageProblem[]) {
  if (isLive(value)) {
    problems.push({ path: path || "storage", problem: `should be a plain value, is a ${liveName(value)}` });
    return;
  }
  const cacheable = typeof value === "object" && value !== null;
  const valid = validSnapshots.get(schema);
  if (cacheable && valid?.has(value)) return;
  const result = z.safeParse(schema, value);
  if (result.success) {
    if (cacheable) {
      if (!valid) validSnapshots.set(schema, new WeakSet([value]));
      else valid.add(value);
    }
    return;
  }
  for (const issue of result.error.issues.slice(0, MAX_PROBLEMS - problems.length)) {
    problems.push({ path: join(path, ...issue.path.map(String)) || "storage", problem: describeIssue(issue) });
  }
}

type LiveContainer = LiveObject<LsonObject> | LiveList<Lson> | LiveMap<string, Lson>;

function isContainer(value: unknown, container: Container): value is LiveContainer {
  if (container === "LiveObject") return value instanceof LiveObject;
  if (container === "LiveList") return value instanceof LiveList;
  return value instanceof LiveMap;
}

/** Class names do not survive minification. */
const liveName = (value: LiveContainer): Container =>
  value instanceof LiveObject ? "LiveObject" : value instanceof LiveList ? "LiveList" : "LiveMap";

const join = (path: string, ...keys: string[]) => [path, ...keys].filter(Boolean).join(".");

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (isLive(value)) return `a ${liveName(value)}`;
  if (Array.isArray(value)) return "a plain list";
  return typeof value === "object" ? "a plain object" : `a ${typeof value}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `should be ${issue.expected}`;
  if (issue.code === "invalid_value")
    return `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return "has the wrong shape";
}
