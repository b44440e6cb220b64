import type { z } from "zod";

/**
 * How a capability declares a background job. The worker validates `data` with the
 * schema before `run` sees it, reports progress and failures into the job's row, and aborts
 * `signal` when someone cancels the job (or the server shuts down).
 */
export type JobContext = {
  jobId: string;
  /** Aborted on cancellation or shutdown: pass it to anything long (scans, downloads). */
  signal: AbortSignal;
  /** Work done out of total, and what is happening now; cheap to call often (throttled). */
  progress: (done: number, total: number, message?: string) => void;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** The pg-boss queue name: "<capability>.<what>". */
  name: string;
  data: S;
  run: (data: z.infer<S>, context: JobContext) => Promise<void>;
  /** Retries after a failure (default 2) and the delay between them, in seconds (default 30). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Double the delay after each failure (pg-boss's exponential backoff). */
  retryBackoff?: boolean;
  /** Longest a run may take before pg-boss gives up on it (default 15 minutes). */
  expireInMinutes?: number;
  /** Jobs of this queue one worker process runs at the same time (default 1). */
  concurrency?: number;
  /**
   * Share the queue fairly between workspaces: a job waits behind the jobs its own workspace
   * already has waiting or running, not behind every other workspace's, so one workspace
   * sending fifty jobs does not hold up another's one (round robin by workspace).
   */
  fairByWorkspace?: boolean;
  /** A cron schedule (UTC) on which the job is sent with `cronData`, once across all servers. */
  cron?: string;
  cronData?: z.input<S>;
  /** Whether a failure's message may be shown to people as it is (errors a job throws on purpose). */
  describeError?: (error: unknown) => string | null;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Thrown by a job to fail with a message people may read (and not be retried). */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly retry = false,
  ) {
    super(message);
  }
}
