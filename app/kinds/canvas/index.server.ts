import type { DocumentAccess } from "~/auth/authorize.server";
import { admitMembers } from "~/auth/room-admission";
import { threadMirrorsFromDatabase } from "~/comments/thread-mirror.server";
import { env } from "~/config/env.server";
import type { RoomKindServer } from "~/rooms/kind";
import type { CanvasPage } from "./page";

/** A cost canvas admits the workspace's members; its comment threads' mirror is rebuilt from PostgreSQL. */
export const canvasServer: RoomKindServer<DocumentAccess, CanvasPage> = {
  admit: async ({ memberRole }) => admitMembers(memberRole),
  loadPage: async () => ({ page: { tldrawLicenseKey: env().TLDRAW_LICENSE_KEY ?? null } }),
  rebuildFromDatabase: (document) => threadMirrorsFromDatabase(document.id),
  jobs: [],
};
