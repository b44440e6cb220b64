import { enforceRoomCutJob, withdrawRoomAccessJob } from "~/auth/access-cut.server";
import { detectionJob, detectionTickJob } from "~/intelligence/detection-job.server";
import { savingsTickJob } from "~/intelligence/savings-job.server";
import type { JobDefinition } from "~/jobs/define.server";
import { ROOM_KIND_JOBS } from "~/kinds/index.server";
import { pruneRateLimitBucketsJob } from "~/rate-limit/prune-job.server";
import { rescanTickJob } from "~/scans/rescan-job.server";
import { scanJob } from "~/scans/scan-job.server";
import { webhookDeliveryJob } from "~/webhooks/delivery-job.server";

/**
 * Every background job the app runs. The HTTP server (server/index.ts) hands this list to
 * the workers (app/jobs), which know no job themselves. A capability adds its jobs here; a
 * room kind lists its own in its server half (app/kinds).
 */
export const BACKGROUND_JOBS: readonly JobDefinition[] = [
  scanJob,
  rescanTickJob,
  pruneRateLimitBucketsJob,
  detectionJob,
  detectionTickJob,
  savingsTickJob,
  webhookDeliveryJob,
  withdrawRoomAccessJob,
  enforceRoomCutJob,
  ...ROOM_KIND_JOBS,
] as readonly JobDefinition[];
