import { LiveMap, LiveObject, type JsonObject, type LsonObject, type StorageUpdate } from "@liveblocks/client";
import { useRoom } from "@liveblocks/react";
import { useEffect, useState } from "react";
import {
  atom,
  createPresenceStateDerivation,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  DocumentRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  react,
  UserRecordType,
  type IndexKey,
  type SerializedSchema,
  type TLAnyShapeUtilConstructor,
  type TLDocument,
  type TLInstancePresence,
  type TLPageId,
  type TLRecord,
  type TLStore,
  type TLStoreWithStatus,
} from "tldraw";

/**
 * A tldraw store mirrored into the room's Liveblocks storage, with tldraw's presence
 * (cursor, selection, viewport) carried in Liveblocks presence.
 *
 * - Document records (shapes, bindings, pages, assets) live in `root.records`, one
 *   LiveObject per record whose top-level fields merge independently (one person moves
 *   a card while another edits it) and whose `props` and `meta` are replaced whole.
 * - Only local user changes are written; remote ones arrive through the room and are
 *   applied with `mergeRemoteChanges`, so they never enter this person's undo history.
 * - Viewers (read-only tokens) get a read-only editor and write nothing but presence.
 * - A record that fails tldraw's validation (anyone with write access can put anything
 *   into storage) is skipped, instead of breaking the canvas for everyone.
 */
export type CanvasUser = { id: string; name: string; color: string };

type Records = LiveMap<string, LiveObject<LsonObject>>;

const DOCUMENT_ID = "document:document" as TLDocument["id"];
const PAGE_ID = "page:page" as TLPageId;

export function useRoomTldrawStore({
  shapeUtils,
  user,
  canWrite,
}: {
  shapeUtils: readonly TLAnyShapeUtilConstructor[];
  user: CanvasUser;
  canWrite: boolean;
}): TLStoreWithStatus {
  const room = useRoom();
  const [mode] = useState(() => atom<"readonly" | "readwrite">("canvas mode", canWrite ? "readwrite" : "readonly"));
  const [status] = useState(() => atom<"online" | "offline">("canvas connection", "online"));
  const [currentUser] = useState(() =>
    atom("canvas user", UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })),
  );
  const [store] = useState(() =>
    createTLStore({
      shapeUtils: [...defaultShapeUtils, ...shapeUtils],
      bindingUtils: defaultBindingUtils,
      users: { currentUser },
      collaboration: { mode, status },
    }),
  );
  const [result, setResult] = useState<TLStoreWithStatus>({ status: "loading" });

  useEffect(() => {
    mode.set(canWrite ? "readwrite" : "readonly");
  }, [mode, canWrite]);
  useEffect(
    () => room.events.status.subscribe((s) => status.set(s === "connected" ? "online" : "offline")),
    [room, status],
  );

  useEffect(() => {
    let cancelled = false;
    const cleanups: (() => void)[] = [];

    async function connect() {
      const { root } = await room.getStorage();
      if (cancelled) return;
      let records = root.get("records") as Records | undefined;
      if (!records) {
        // Rooms made before canvases existed have no map; the server makes it for new ones.
        records = new LiveMap();
        if (canWrite) root.set("records", records);
      }
      const liveRecords = records;

      loadInitialRecords(store, liveRecords, root.get("tldrawSchema") as SerializedSchema | undefined);
      if (canWrite && JSON.stringify(root.get("tldrawSchema")) !== JSON.stringify(store.schema.serialize())) {
        root.set("tldrawSchema", store.schema.serialize() as unknown as JsonObject);
      }

      // Local → room. `writing` marks our own storage changes, which Liveblocks reports
      // back to subscribers synchronously: they must not be applied a second time.
      let writing = false;
      if (canWrite) {
        cleanups.push(
          store.listen(
            ({ changes }) => {
              writing = true;
              try {
                room.batch(() => {
                  for (const record of Object.values(changes.added)) liveRecords.set(record.id, toLiveRecord(record));
                  for (const [from, to] of Object.values(changes.updated)) {
                    const live = liveRecords.get(to.id);
                    if (!live) liveRecords.set(to.id, toLiveRecord(to));
                    else patchLiveRecord(live, from, to);
                  }
                  for (const record of Object.values(changes.removed)) liveRecords.delete(record.id);
                });
              } finally {
                writing = false;
              }
            },
            { source: "user", scope: "document" },
          ),
        );
      }

      // Room → local.
      cleanups.push(
        room.subscribe(
          liveRecords,
          (updates: StorageUpdate[]) => {
            if (writing) return;
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
            applyRemote(store, liveRecords, changed, removed);
          },
          { isDeep: true },
        ),
      );

      // Presence: mine from tldraw's presence derivation, everyone else's into the store.
      const presence = createPresenceStateDerivation(currentUser, {
        instanceId: InstancePresenceRecordType.createId(String(room.getSelf()?.connectionId ?? 0)),
      })(store);
      let frame = 0;
      cleanups.push(
        react("publish canvas presence", () => {
          const record = presence.get();
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() =>
            room.updatePresence({ canvas: (record as unknown as JsonObject) ?? null }),
          );
        }),
        () => cancelAnimationFrame(frame),
      );
      const presenceIdOf = (connectionId: number) => InstancePresenceRecordType.createId(String(connectionId));
      const putOthers = () => {
        const toPut: TLInstancePresence[] = [];
        for (const other of room.getOthers()) {
          const record = other.presence.canvas as unknown as TLInstancePresence | null | undefined;
          if (record && record.typeName === "instance_presence")
            toPut.push({ ...record, id: presenceIdOf(other.connectionId) });
        }
        const present = new Set(toPut.map((r) => r.id));
        const gone = store.query
          .records("instance_presence")
          .get()
          .filter((r) => !present.has(r.id))
          .map((r) => r.id);
        store.mergeRemoteChanges(() => {
          if (gone.length) store.remove(gone);
          for (const record of toPut) {
            try {
              store.put([record]);
            } catch {
              // someone's malformed presence: skip it
            }
          }
        });
      };
      putOthers();
      cleanups.push(room.subscribe("others", putOthers));

      setResult({ status: "synced-remote", store, connectionStatus: "online" });
    }

    connect().catch((error: unknown) => {
      if (!cancelled) setResult({ status: "error", error: error instanceof Error ? error : new Error(String(error)) });
    });
    return () => {
      cancelled = true;
      for (const cleanup of cleanups.reverse()) cleanup();
    };
  }, [room, store, canWrite, currentUser]);

  return result;
}

function toLiveRecord(record: TLRecord): LiveObject<LsonObject> {
  // Nested objects (props, meta) stay plain JSON inside the LiveObject: replaced whole.
  return new LiveObject(record as unknown as LsonObject);
}

function patchLiveRecord(live: LiveObject<LsonObject>, from: TLRecord, to: TLRecord) {
  const before = from as unknown as Record<string, unknown>;
  const after = to as unknown as Record<string, unknown>;
  // tldraw records are immutable with structural sharing: a changed field is a new reference.
  for (const key of Object.keys(after)) if (before[key] !== after[key]) live.set(key, after[key] as LsonObject[string]);
  for (const key of Object.keys(before)) if (!(key in after)) live.delete(key);
}

function loadInitialRecords(store: TLStore, liveRecords: Records, storedSchema: SerializedSchema | undefined) {
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

function applyRemote(store: TLStore, liveRecords: Records, changed: Set<string>, removed: Set<string>) {
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
