import { LiveList, LiveMap, LiveObject, type Lson, type LsonObject } from "@liveblocks/client";

/**
 * The server's writes into rooms go through these: a field of the kind the writer expects,
 * or a new empty one put in its place when a client left something else there (anyone with
 * a write token can: docs/decisions/004). What was there is lost either way; the server's
 * own parts come back whole with a repair (repair.server.ts).
 */
export function liveListAt<O extends LsonObject, K extends keyof O & string>(
  parent: LiveObject<O>,
  key: K,
): Extract<O[K], LiveList<Lson>> {
  return fieldOf(parent, key, LiveList, () => new LiveList([]));
}

export function liveMapAt<O extends LsonObject, K extends keyof O & string>(
  parent: LiveObject<O>,
  key: K,
): Extract<O[K], LiveMap<string, Lson>> {
  return fieldOf(parent, key, LiveMap, () => new LiveMap());
}

export function liveObjectAt<O extends LsonObject, K extends keyof O & string>(
  parent: LiveObject<O>,
  key: K,
  create: () => Extract<O[K], LiveObject<LsonObject>>,
): Extract<O[K], LiveObject<LsonObject>> {
  return fieldOf(parent, key, LiveObject, create);
}

function fieldOf<T>(
  parent: LiveObject<LsonObject>,
  key: string,
  type: abstract new (...args: never[]) => unknown,
  create: () => unknown,
): T {
  const value = parent.get(key);
  if (value instanceof type) return value as T;
  const fresh = create() as Lson;
  parent.set(key, fresh);
  return fresh as T;
}

/** The items of a list that are LiveObjects (a client may have pushed anything else). */
export function liveObjectsIn<T extends LsonObject>(list: LiveList<LiveObject<T>>): [number, LiveObject<T>][] {
  const found: [number, LiveObject<T>][] = [];
  list.forEach((item, index) => {
    if ((item as unknown) instanceof LiveObject) found.push([index, item]);
  });
  return found;
}
