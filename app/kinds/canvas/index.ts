import type { RoomKind } from "~/rooms/kind";
import type { CanvasPage } from "./page";
import { canvasStorageSchema, initialCanvasStorage, type CanvasRoomStorage } from "./storage";

/** A cost canvas: a tldraw board of live cost shapes, with comment threads (app/canvas, app/comments). */
export const canvasKind: RoomKind<CanvasRoomStorage, CanvasPage> = {
  kind: "CANVAS",
  copy: {
    label: "Cost canvas",
    plural: "Cost canvases",
    blurb: "Lay out what your APIs cost and discuss it.",
    icon: "▦",
  },
  // tldraw draws its own collaborator cursors (from room presence) and keeps its own undo
  // history, per person: the shell's would only fight them.
  shell: { cursors: false, history: false },
  storageSchema: canvasStorageSchema,
  initialStorage: initialCanvasStorage,
  loadBody: () => {
    // The canvas (tldraw, most of the page) starts downloading with the body, not after it.
    void import("~/canvas/CostCanvas");
    return import("./Body");
  },
};
