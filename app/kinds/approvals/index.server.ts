import type { DocumentAccess } from "~/auth/authorize.server";
import { admitMembers } from "~/auth/room-admission";
import type { RoomKindServer } from "~/rooms/kind";

/** An approval board admits the workspace's members; nothing of it lives in PostgreSQL yet. */
export const approvalsServer: RoomKindServer<DocumentAccess, null> = {
  admit: async ({ memberRole }) => admitMembers(memberRole),
  loadPage: async () => ({ page: null }),
  rebuildFromDatabase: async () => ({}),
  jobs: [],
};
