import { useRoom } from "@liveblocks/react/suspense";
import { useEffect, useRef } from "react";
import { useBodyText } from "./use-body-text";

/**
 * Whether the request (its fields, environments or body) was changed by someone else since
 * this person last edited it or confirmed a send. Decided from this browser's own view of
 * the room, never from anything in room storage (which anyone in the room can write):
 * Liveblocks marks every storage update local or remote, and Yjs body updates from the
 * sync server arrive with the origin "backend". Server writes into the room (responses,
 * history, chat) do not change the request, so they do not count.
 * Until this person edits or confirms, it counts as changed by someone else: on opening a
 * shared request nobody knows who edited it last.
 */
export function useChangedByOthers() {
  const room = useRoom();
  const { provider } = useBodyText();
  const changed = useRef(true);

  useEffect(() => {
    let unsubscribe = () => {};
    let cancelled = false;
    void room.getStorage().then(({ root }) => {
      if (cancelled) return;
      const snapshot = () => JSON.stringify([root.get("request")?.toJSON(), root.get("environments")?.toJSON()]);
      let seen = snapshot();
      unsubscribe = room.subscribe(
        root,
        (updates) => {
          const now = snapshot();
          if (updates.some((u) => u.source?.origin === "local")) changed.current = false;
          else if (now !== seen) changed.current = true;
          seen = now;
        },
        { isDeep: true },
      );
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [room]);

  useEffect(() => {
    const doc = provider.getYDoc();
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      changed.current = origin === "backend" || origin === provider;
    };
    doc.on("update", onUpdate);
    return () => doc.off("update", onUpdate);
  }, [provider]);

  return {
    /** Read at the moment of sending. */
    changedByOthers: () => changed.current,
    /** This person looked and confirmed: it counts as theirs until someone else changes it. */
    reviewed: () => {
      changed.current = false;
    },
  };
}
