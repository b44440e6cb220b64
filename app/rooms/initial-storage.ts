import type { PlainLsonObject } from "@liveblocks/node";
import type { RoomKind } from "../../liveblocks.config";

/**
 * The storage a room starts with, written by the server when the document is created
 * (never by the first browser: simultaneous first joiners would overwrite each other).
 * Plain LSON is the REST API's spelling of LiveObject/LiveList/LiveMap trees.
 */
const liveObject = (data: PlainLsonObject["data"]): PlainLsonObject => ({ liveblocksType: "LiveObject", data });
const emptyLiveMap = () => ({ liveblocksType: "LiveMap" as const, data: {} });

export function initialStorageFor(kind: RoomKind): PlainLsonObject {
  const base = { kind, scratchpad: liveObject({ text: "" }) };
  switch (kind) {
    case "REQUEST":
      return liveObject({ ...base, request: liveObject({ method: "GET", url: "" }) });
    case "CANVAS":
      // tldraw's records, and the server's mirror of the comment threads (app/canvas, app/comments).
      return liveObject({ kind, records: emptyLiveMap(), threads: emptyLiveMap() });
    case "AI":
    case "APPROVALS":
      return liveObject(base);
  }
}
