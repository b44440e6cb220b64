import { abandonedAnswersJob } from "~/ai/abandoned-answers-job.server";
import type { JobDefinition } from "./define.server";
import { rescanTickJob } from "~/scans/rescan-job.server";
import { scanJob } from "~/scans/scan-job.server";

/**
 * Every background job the workers run. A capability adds its definitions here; each
 * worker process subscribes to all of them.
 */
export const JOBS: readonly JobDefinition[] = [scanJob, rescanTickJob, abandonedAnswersJob] as readonly JobDefinition[];
