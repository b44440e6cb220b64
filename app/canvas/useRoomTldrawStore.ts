import { LiveMap, type JsonObject, type StorageUpdate } from "@liveblocks/client";
import { useRoom } from "@liveblocks/react";
import { useEffect, useState } from "react";
import {
  atom,
  createPresenceStateDerivation,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  InstancePresenceRecordType,
  react,
  UserRecordType,
  type SerializedSchema,
  type TLAnyShapeUtilConstructor,
  type TLInstancePresence,
  type TLStoreWithStatus,
} from "tldraw";
import {
  applyRemote,
  changedRecordIds,
  loadInitialRecords,
  writeLocalChanges,
  type LiveRecords,
} from "./tldraw-room-sync";

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
 * The two directions themselves are in tldraw-room-sync.ts (unit-tested there).
 */
export type CanvasUser = { id: string; name: string; color: string };

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
      let records = root.get("records") as LiveRecords | undefined;
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
                room.batch(() => writeLocalChanges(liveRecords, changes));
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
            const { changed, removed } = changedRecordIds(updates, liveRecords);
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
