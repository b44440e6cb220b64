import type { DocumentAccess } from "~/auth/authorize.server";
import { abandonedAnswersJob } from "~/ai/abandoned-answers-job.server";
import { aiRoomFromDatabase } from "~/ai/threads.server";
import { admitMembers } from "~/auth/room-admission";
import type { RoomKindServer } from "~/rooms/kind";
import { aiRoomData, type AiRoomData } from "./page.server";

/** An AI chat admits the workspace's members; its thread is rebuilt from AiMessage rows. */
export const aiServer: RoomKindServer<DocumentAccess, AiRoomData> = {
  admit: async ({ memberRole }) => admitMembers(memberRole),
  loadPage: async ({ user, workspace, role, document }) => ({
    page: await aiRoomData({ user, organizationId: workspace.organizationId, role, document }),
  }),
  rebuildFromDatabase: (document) => aiRoomFromDatabase(document.id),
  jobs: [abandonedAnswersJob],
};
