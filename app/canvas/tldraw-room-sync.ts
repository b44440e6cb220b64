import { LiveObject, type LiveMap, type LsonObject, type StorageUpdate } from "@liveblocks/client";
import {
  DocumentRecordType,
  PageRecordType,
  type IndexKey,
  type RecordsDiff,
  type SerializedSchema,
  type TLDocument,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from "tldraw";

/**
 * The two directions of the tldraw <-> room mirror (useRoomTldrawStore.ts wires them to a
 * room): plain functions over a tldraw store and the room's `records` map, so each can be
 * tested without a browser or a sync server.
 */
export type LiveRecords = LiveMap<string, LiveObject<LsonObject>>;

const DOCUMENT_ID = "document:document" as TLDocument["id"];
const PAGE_ID = "page:page" as TLPageId;

export function toLiveRecord(record: TLRecord): LiveObject<LsonObject> {
  // Nested objects (props, meta) stay plain JSON inside the LiveObject: replaced whole.
  return new LiveObject(record as unknown as LsonObject);
}

/** Writes only the top-level fields that changed, so two people's edits to one record merge. */
export function patchLiveRecord(live: LiveObject<LsonObject>, from: TLRecord, to: TLRecord) {
  const before = from as unknown as Record<string, unknown>;
  const after = to as unknown as Record<string, unknown>;
  // tldraw records are immutable with structural sharing: a changed field is a new reference.
  for (const key of Object.keys(after)) if (before[key] !== after[key]) live.set(key, after[key] as LsonObject[string]);
  for (const key of Object.keys(before)) if (!(key in after)) live.delete(key);
}

/** Local -> room: one tldraw change set written into the room's records. */
export function writeLocalChanges(liveRecords: LiveRecords, changes: RecordsDiff<TLRecord>) {
  for (const record of Object.values(changes.added)) liveRecords.set(record.id, toLiveRecord(record));
  for (const [from, to] of Object.values(changes.updated)) {
    const live = liveRecords.get(to.id);
    if (!live) liveRecords.set(to.id, toLiveRecord(to));
    else patchLiveRecord(live, from, to);
  }
  for (const record of Object.values(changes.removed)) liveRecords.delete(record.id);
}

/** Room -> local: which record ids a batch of (deep) storage updates touched, and which it deleted. */
export function changedRecordIds(updates: readonly StorageUpdate[], liveRecords: LiveRecords) {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const update of updates) {
    if (update.type === "LiveMap" && update.node === liveRecords) {
      for (const [id, change] of Object.entries(update.updates)) {
        if (change.type === "delete") removed.add(id);
        else changed.add(id);
      }
    } else if (update.type === "LiveObject") {
      const id = update.node.get("id");
      if (typeof id === "string") changed.add(id);
    }
  }
  return { changed, removed };
}

/** The room's records into an empty store, migrated from the schema they were written with. */
export function loadInitialRecords(
  store: TLStore,
  liveRecords: LiveRecords,
  storedSchema: SerializedSchema | undefined,
) {
  let records: Record<string, TLRecord> = {};
  for (const [id, live] of liveRecords) records[id] = live.toJSON() as unknown as TLRecord;
  if (storedSchema) {
    const migrated = store.schema.migrateStoreSnapshot({ store: records, schema: storedSchema });
    if (migrated.type === "success") records = migrated.value as Record<string, TLRecord>;
  }
  const defaults: TLRecord[] = [];
  if (!records[DOCUMENT_ID]) defaults.push(DocumentRecordType.create({ id: DOCUMENT_ID }));
  if (!Object.values(records).some((r) => r.typeName === "page")) {
    defaults.push(PageRecordType.create({ id: PAGE_ID, name: "Canvas", index: "a1" as IndexKey }));
  }
  store.mergeRemoteChanges(() => {
    store.put(defaults);
    putEach(store, Object.values(records));
  });
}

/** Others' changes into the store, outside this person's undo history. */
export function applyRemote(store: TLStore, liveRecords: LiveRecords, changed: Set<string>, removed: Set<string>) {
  const toPut: TLRecord[] = [];
  for (const id of changed) {
    const live = liveRecords.get(id);
    if (live) toPut.push(live.toJSON() as unknown as TLRecord);
    else removed.add(id);
  }
  const toRemove = [...removed].filter((id) => store.has(id as TLRecord["id"])) as TLRecord["id"][];
  if (!toPut.length && !toRemove.length) return;
  store.mergeRemoteChanges(() => {
    if (toRemove.length) store.remove(toRemove);
    putEach(store, toPut);
  });
}

/** Puts records in one go, or one by one when some are invalid, skipping those. */
function putEach(store: TLStore, records: TLRecord[]) {
  try {
    store.put(records);
  } catch {
    for (const record of records) {
      try {
        store.put([record]);
      } catch (error) {
        console.warn(`Skipped an invalid canvas record ${record.id}`, error);
      }
    }
  }
}
