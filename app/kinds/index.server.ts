import type { DocumentAccess } from "~/auth/authorize.server";
import type { DocumentKind } from "~/generated/prisma/enums";
import type { JobDefinition } from "~/jobs/define.server";
import type { RoomKindServer } from "~/rooms/kind";
import { aiServer } from "./ai/index.server";
import { approvalsServer } from "./approvals/index.server";
import { canvasServer } from "./canvas/index.server";
import { requestServer } from "./request/index.server";

/**
 * The registry of room kinds, server half: who may join each kind's rooms, its page's
 * data, what PostgreSQL rebuilds of it, and its jobs. The browser half is ./index.ts.
 */
export const ROOM_KIND_SERVERS = {
  REQUEST: requestServer,
  AI: aiServer,
  CANVAS: canvasServer,
  APPROVALS: approvalsServer,
} satisfies Record<DocumentKind, RoomKindServer<DocumentAccess, unknown>>;

/** Every kind's background jobs, for the job workers (app/background-jobs.server.ts). */
export const ROOM_KIND_JOBS: readonly JobDefinition[] = Object.values(ROOM_KIND_SERVERS).flatMap((kind) => kind.jobs);
