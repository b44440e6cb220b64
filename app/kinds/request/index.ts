import type { RoomKind } from "~/rooms/kind";
import type { SessionPageData } from "./page.server";
import { initialRequestStorage, requestStorageSchema, type RequestRoomStorage } from "./storage";

/** A request document: a testing session around one API request (app/requests). */
export const requestKind: RoomKind<RequestRoomStorage, SessionPageData> = {
  kind: "REQUEST",
  copy: { label: "Request", plural: "API requests", blurb: "Build and send an API call together.", icon: "⇄" },
  shell: { cursors: true, history: true },
  storageSchema: requestStorageSchema,
  initialStorage: initialRequestStorage,
  loadBody: () => import("./Body"),
};
