import { LiveMap, LiveObject, type LsonObject, type StorageUpdate } from "@liveblocks/client";
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  GeoShapeUtil,
  type IndexKey,
  type TLGeoShape,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from "tldraw";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  applyRemote,
  changedRecordIds,
  loadInitialRecords,
  writeLocalChanges,
  type LiveRecords,
} from "~/canvas/tldraw-room-sync";

/** One person's tldraw store, loaded from the room's records as the canvas page does. */
function personLoading(records: LiveRecords) {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  loadInitialRecords(store, records, undefined);
  return store;
}

const PAGE = "page:page" as TLPageId;
const geoProps = GeoShapeUtil.prototype.getDefaultProps();

function card(x: number, text = "card"): TLGeoShape {
  return {
    id: createShapeId(),
    typeName: "shape",
    type: "geo",
    x,
    y: 10,
    rotation: 0,
    index: "a1" as IndexKey,
    parentId: PAGE,
    isLocked: false,
    opacity: 1,
    meta: { text },
    props: { ...geoProps, w: 120, h: 80 },
  };
}

/** What one person does in their store, written to the room as useRoomTldrawStore writes it. */
function draw(store: TLStore, records: LiveRecords, change: () => void) {
  writeLocalChanges(records, store.extractingChanges(change));
}

const roomCopy = (records: LiveRecords, id: string) => records.get(id)?.toJSON();

afterEach(() => vi.restoreAllMocks());

describe("local changes into the room", () => {
  it("puts a new shape into the room, whole, and a second person loading the room sees it", () => {
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const shape = card(40);
    draw(ada, records, () => ada.put([shape]));
    expect(roomCopy(records, shape.id)).toEqual(shape);

    const grace = personLoading(records);
    expect(grace.get(shape.id)).toEqual(shape);
  });

  it("writes only the fields that changed, so another person's edit of another field survives", () => {
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const shape = card(40);
    draw(ada, records, () => ada.put([shape]));
    // Meanwhile someone else renamed the card in the room.
    records.get(shape.id)!.set("meta", { text: "renamed by Grace" });

    draw(ada, records, () => ada.update(shape.id, (s) => ({ ...s, x: 300 })));
    expect(roomCopy(records, shape.id)).toMatchObject({ x: 300, meta: { text: "renamed by Grace" } });
  });

  it("creates a record the room lost instead of patching nothing, and deletes removed ones", () => {
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const [kept, moved] = [card(1), card(2)];
    draw(ada, records, () => ada.put([kept, moved]));
    records.delete(moved.id);

    draw(ada, records, () => ada.update(moved.id, (s) => ({ ...s, y: 99 })));
    expect(roomCopy(records, moved.id)).toEqual({ ...moved, y: 99 });
    draw(ada, records, () => ada.remove([kept.id]));
    expect(records.has(kept.id)).toBe(false);
  });
});

describe("the room's changes into the store", () => {
  it("applies changed records and removes deleted ones", () => {
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const [moving, deleted] = [card(1), card(2)];
    draw(ada, records, () => ada.put([moving, deleted]));
    const grace = personLoading(records);

    records.get(moving.id)!.set("x", 250);
    records.delete(deleted.id);
    applyRemote(grace, records, new Set([moving.id]), new Set([deleted.id]));
    expect(grace.get(moving.id)).toMatchObject({ x: 250 });
    expect(grace.has(deleted.id)).toBe(false);
  });

  it("treats a changed id the room no longer holds as removed", () => {
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const shape = card(1);
    draw(ada, records, () => ada.put([shape]));
    const grace = personLoading(records);
    records.delete(shape.id);

    applyRemote(grace, records, new Set([shape.id]), new Set());
    expect(grace.has(shape.id)).toBe(false);
  });

  it("skips a record that fails tldraw's validation and keeps applying the rest", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const records: LiveRecords = new LiveMap();
    const ada = personLoading(records);
    const [good, forged] = [card(1), card(2)];
    draw(ada, records, () => ada.put([good, forged]));
    const grace = personLoading(records);

    records.get(good.id)!.set("x", 77);
    records.get(forged.id)!.set("x", "not a number");
    applyRemote(grace, records, new Set([good.id, forged.id]), new Set());
    expect(grace.get(good.id)).toMatchObject({ x: 77 });
    expect(grace.get(forged.id)).toMatchObject({ x: 2 });
  });
});

describe("loading a room", () => {
  it("adds the document and a page when the room has none, and skips invalid records", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const records: LiveRecords = new LiveMap();
    const good = card(5);
    records.set(good.id, new LiveObject(good as unknown as LsonObject));
    records.set("shape:junk", new LiveObject({ id: "shape:junk", typeName: "shape", type: "geo" }));

    const store = personLoading(records);
    expect(store.get(good.id)).toEqual(good);
    expect(store.has("shape:junk" as TLRecord["id"])).toBe(false);
    expect(
      store.query
        .records("page")
        .get()
        .map((p) => p.id),
    ).toEqual([PAGE]);
    expect(store.query.records("document").get()).toHaveLength(1);
  });

  it("keeps the room's own page instead of adding another", () => {
    const records: LiveRecords = new LiveMap();
    const page = { ...personLoading(new LiveMap()).get(PAGE)!, id: "page:theirs", name: "Theirs" };
    records.set(page.id, new LiveObject(page as unknown as LsonObject));

    const pages = personLoading(records).query.records("page").get();
    expect(pages.map((p) => p.name)).toEqual(["Theirs"]);
  });
});

describe("reading storage updates", () => {
  const records: LiveRecords = new LiveMap();
  const shape = new LiveObject({ id: "shape:a", x: 1 } as LsonObject);
  const update = (u: object) => u as StorageUpdate;

  it("collects set and deleted keys of the records map, and edited records by their id", () => {
    const { changed, removed } = changedRecordIds(
      [
        update({
          type: "LiveMap",
          node: records,
          updates: { "shape:new": { type: "update" }, "shape:gone": { type: "delete" } },
        }),
        update({ type: "LiveObject", node: shape, updates: { x: { type: "update" } } }),
      ],
      records,
    );
    expect([...changed].sort()).toEqual(["shape:a", "shape:new"]);
    expect([...removed]).toEqual(["shape:gone"]);
  });

  it("ignores other maps and objects without a string id", () => {
    const { changed, removed } = changedRecordIds(
      [
        update({ type: "LiveMap", node: new LiveMap(), updates: { "thread:1": { type: "delete" } } }),
        update({ type: "LiveObject", node: new LiveObject({ id: 42 }), updates: {} }),
      ],
      records,
    );
    expect(changed.size + removed.size).toBe(0);
  });
});
