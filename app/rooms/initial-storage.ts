import type { PlainLsonObject } from "@liveblocks/node";
import type { RoomKind } from "../../liveblocks.config";

/**
 * The storage a room starts with, written by the server when the document is created
 * (never by the first browser: simultaneous first joiners would overwrite each other).
 * Plain LSON is the REST API's spelling of LiveObject/LiveList/LiveMap trees.
 */
const liveObject = (data: PlainLsonObject["data"]): PlainLsonObject => ({ liveblocksType: "LiveObject", data });
type PlainLson = PlainLsonObject["data"][string];
const liveList = (data: PlainLson[]): PlainLson => ({ liveblocksType: "LiveList", data });

export function initialStorageFor(kind: RoomKind): PlainLsonObject {
  const base = { kind, scratchpad: liveObject({ text: "" }) };
  switch (kind) {
    case "REQUEST":
      return liveObject({ ...base, request: liveObject({ method: "GET", url: "" }) });
    case "AI":
      return liveObject({
        ...base,
        composer: liveObject({ mode: "GENERATE", language: "typescript", apiSlug: null }),
        messages: liveList([]),
      });
    case "CANVAS":
    case "APPROVALS":
      return liveObject(base);
  }
}
