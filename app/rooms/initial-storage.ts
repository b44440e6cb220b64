import type { PlainLsonObject } from "@liveblocks/node";
import { EMPTY_AUTH } from "~/requests/request-draft";
import type { RoomKind } from "../../liveblocks.config";

/**
 * The storage a room starts with, written by the server when the document is created
 * (never by the first browser: simultaneous first joiners would overwrite each other).
 * Plain LSON is the REST API's spelling of LiveObject/LiveList/LiveMap trees.
 */
const liveObject = (data: PlainLsonObject["data"]): PlainLsonObject => ({ liveblocksType: "LiveObject", data });
type PlainLson = PlainLsonObject["data"][string];
const liveList = (data: PlainLson[] = []): PlainLson => ({ liveblocksType: "LiveList", data });
const emptyLiveMap = () => ({ liveblocksType: "LiveMap" as const, data: {} });

export function initialStorageFor(kind: RoomKind): PlainLsonObject {
  const base = { kind, scratchpad: liveObject({ text: "" }) };
  switch (kind) {
    case "REQUEST":
      return liveObject({ kind, ...initialRequestStorage() });
    case "CANVAS":
      // tldraw's records, and the server's mirror of the comment threads (app/canvas, app/comments).
      return liveObject({ kind, records: emptyLiveMap(), threads: emptyLiveMap() });
    case "AI":
      // The shared composer choices, and the thread the server streams answers into (app/ai).
      return liveObject({
        ...base,
        composer: liveObject({ mode: "GENERATE", language: "typescript", apiSlug: null }),
        messages: liveList(),
      });
    case "APPROVALS":
      return liveObject(base);
  }
}

/** A request room: an empty GET, one environment, no response yet (see liveblocks.config.ts). */
function initialRequestStorage() {
  const environmentId = crypto.randomUUID();
  return {
    request: liveObject({
      method: "GET",
      url: "",
      bodyType: "",
      environmentId,
      query: liveList(),
      headers: liveList(),
      auth: liveObject({ ...EMPTY_AUTH }),
    }),
    environments: liveList([liveObject({ id: environmentId, name: "Default", variables: liveList() })]),
    response: liveObject({ current: null }),
    history: liveList(),
    chat: liveList(),
  };
}
