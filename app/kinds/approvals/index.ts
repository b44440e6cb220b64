import type { RoomKind } from "~/rooms/kind";
import { approvalsStorageSchema, initialApprovalsStorage, type ApprovalsRoomStorage } from "./storage";

/** An approval board: shared notes until governance (issue 12) gives it its cards. */
export const approvalsKind: RoomKind<ApprovalsRoomStorage, null> = {
  kind: "APPROVALS",
  copy: {
    label: "Approval board",
    plural: "Approval boards",
    blurb: "Review requests for new APIs and spend.",
    icon: "✓",
  },
  shell: { cursors: true, history: true },
  storageSchema: approvalsStorageSchema,
  initialStorage: initialApprovalsStorage,
  loadBody: () => import("./Body"),
};
