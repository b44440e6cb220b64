import { LiveList, LiveMap, LiveObject, type Lson, type LsonObject } from "@liveblocks/client";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { ROOM_KINDS } from "~/kinds";
import { liveList, liveMap, liveObject, storageProblems } from "~/rooms/storage-schema";

/** A room's storage root, as a browser's client holds it (detached here: no room needed). */
const rootOf = (fields: LsonObject) => new LiveObject(fields);

describe("a room kind's storage schema", () => {
  it.each(Object.values(ROOM_KINDS).map((kind) => [kind.kind, kind] as const))(
    "accepts the %s kind's own initial storage",
    (_name, kind) => {
      expect(storageProblems(kind.storageSchema, rootOf({ kind: kind.kind, ...kind.initialStorage() }))).toEqual([]);
    },
  );

  const schema = liveObject({
    notes: liveObject({ text: z.string() }),
    rows: liveList(liveObject({ id: z.string(), enabled: z.boolean() })),
    records: liveMap(liveObject({ id: z.string() })),
    latest: liveObject({ current: z.nullable(z.object({ status: z.number() })) }),
    schemaVersion: z.optional(z.number()),
  });
  const healthy = () =>
    rootOf({
      notes: new LiveObject({ text: "hi" }),
      rows: new LiveList([new LiveObject({ id: "a", enabled: true })]),
      records: new LiveMap([["r1", new LiveObject({ id: "r1", extra: "kept" })]]),
      latest: new LiveObject({ current: { status: 200 } }),
    });

  it("accepts a storage that matches, extra fields and a missing optional one included", () => {
    expect(storageProblems(schema, healthy())).toEqual([]);
  });

  it("tells a live container from plain JSON with the same content", () => {
    const root = healthy();
    root.set("records", { r1: { id: "r1" } });
    root.set("notes", new LiveList([]));
    root.set("latest", new LiveObject({ current: new LiveObject({ status: 200 }) }));
    expect(storageProblems(schema, root)).toEqual([
      { path: "notes", problem: "should be a LiveObject, is a LiveList" },
      { path: "records", problem: "should be a LiveMap, is a plain object" },
      { path: "latest.current", problem: "should be a plain value, is a LiveObject" },
    ]);
  });

  it("names each wrong value by its path, and stops at five", () => {
    const root = healthy();
    root.set("schemaVersion", "2");
    const rows = root.get("rows") as LiveList<Lson>;
    rows.push(42);
    rows.push(new LiveObject({ id: 7, enabled: "yes" }));
    (root.get("latest") as LiveObject<LsonObject>).set("current", { status: "200" });
    (root.get("notes") as LiveObject<LsonObject>).delete("text");
    const problems = storageProblems(schema, root);
    expect(problems).toEqual([
      { path: "notes.text", problem: "should be string" },
      { path: "rows[1]", problem: "should be a LiveObject, is a number" },
      { path: "rows[2].id", problem: "should be string" },
      { path: "rows[2].enabled", problem: "should be boolean" },
      { path: "latest.current.status", problem: "should be number" },
    ]);
  });

  it("checks again only what changed since it was last found valid", () => {
    let checked = 0;
    const counted = z.custom<string>((value) => {
      checked++;
      return typeof value === "string";
    });
    const counting = liveObject({ items: liveList(liveObject({ text: counted })) });
    const items = new LiveList(Array.from({ length: 200 }, (_, i) => new LiveObject({ text: `item ${i}` })));
    const root = rootOf({ items });
    expect(storageProblems(counting, root)).toEqual([]);
    expect(checked).toBe(200);

    checked = 0;
    expect(storageProblems(counting, root)).toEqual([]);
    expect(checked).toBe(0);

    items.get(50)!.set("text", "changed");
    expect(storageProblems(counting, root)).toEqual([]);
    expect(checked).toBe(1);

    items.get(60)!.set("text", 60 as never);
    expect(storageProblems(counting, root)).toEqual([{ path: "items[60].text", problem: "has the wrong shape" }]);
  });
});
