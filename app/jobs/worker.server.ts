import type PgBoss from "pg-boss";
import { prisma } from "~/db/client.server";
import { daysBefore } from "~/time/days";
import { boss, stopBoss } from "./boss.server";
import { JobFailure, type JobContext, type JobDefinition } from "./define.server";
import { dispatchJob, ensureQueue, forgetLocalWorkers, registerLocalWorker } from "./queue.server";

/**
 * The workers of one server process: for every job definition, pg-boss workers that run
 * the job with a context (progress, cancellation), keep its BackgroundJob row true, and a
 * sweep that re-sends jobs a crash left unsent and closes jobs pg-boss gave up on.
 * `npm start` and server/run.ts start them with the HTTP server (JOB_WORKERS=off skips),
 * which hands them the app's job list (app/background-jobs.server.ts): app/jobs knows no job.
 */
const CANCEL_POLL_MS = 1000;
const PROGRESS_WRITE_MS = 300;
const SWEEP_MS = 60_000;

class Cancelled extends Error {}
class ShuttingDown extends Error {}

export type Workers = { stop: () => Promise<void> };

export async function startJobWorkers(definitions: readonly JobDefinition[]): Promise<Workers> {
  const b = await boss();
  const running = new Map<string, AbortController>();
  let stopping = false;
  const pollingIntervalSeconds = Number(process.env.JOB_POLL_SECONDS ?? 2);

  for (const definition of definitions) {
    await ensureQueue(definition);
    for (let i = 0; i < (definition.concurrency ?? 1); i++) {
      const id = await b.work<object>(
        definition.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
        async ([job]) => {
          if (job) await runJob(definition, job, running, () => stopping);
        },
      );
      registerLocalWorker(definition.name, id);
    }
    if (definition.cron)
      await b.schedule(definition.name, definition.cron, (definition.cronData ?? {}) as object, { tz: "UTC" });
  }

  const sweep = setInterval(
    () => void sweepJobs(definitions).catch((error: Error) => console.error(`[jobs] sweep failed: ${error.message}`)),
    SWEEP_MS,
  );
  sweep.unref();
  void sweepJobs(definitions).catch(() => {});

  return {
    async stop() {
      stopping = true;
      clearInterval(sweep);
      for (const controller of running.values()) controller.abort(new ShuttingDown("The server is restarting"));
      forgetLocalWorkers();
      await stopBoss();
    },
  };
}

async function runJob(
  definition: JobDefinition,
  job: PgBoss.JobWithMetadata<object>,
  running: Map<string, AbortController>,
  isStopping: () => boolean,
) {
  const attempt = job.retryCount + 1;
  const now = new Date();
  // Scheduled (cron) jobs come from pg-boss without a row of ours: create it.
  const row = await prisma.backgroundJob.upsert({
    where: { id: job.id },
    create: {
      id: job.id,
      queue: definition.name,
      data: job.data,
      status: "RUNNING",
      startedAt: now,
      attempts: attempt,
      message: "Started",
    },
    update: {},
    select: { status: true, cancelRequestedAt: true },
  });
  if (row.status === "CANCELLED" || row.status === "SUCCEEDED") return;
  await prisma.backgroundJob.update({
    where: { id: job.id },
    data: { status: "RUNNING", startedAt: now, attempts: attempt, message: "Started", error: null },
  });

  const controller = new AbortController();
  running.set(job.id, controller);
  let latest: { done: number; total: number; message?: string } | null = null;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const writeProgress = () => {
    if (!latest) return writing;
    const { done, total, message } = latest;
    latest = null;
    lastWrite = Date.now();
    writing = writing.then(() =>
      prisma.backgroundJob
        .update({
          where: { id: job.id },
          data: { progressDone: done, progressTotal: total, ...(message ? { message } : {}) },
        })
        .catch(() => {}),
    );
    return writing;
  };
  const watcher = setInterval(() => {
    void prisma.backgroundJob
      .findUnique({ where: { id: job.id }, select: { cancelRequestedAt: true } })
      .then((r) => {
        if (r?.cancelRequestedAt) controller.abort(new Cancelled("Cancelled"));
      })
      .catch(() => {});
  }, CANCEL_POLL_MS);
  if (row.cancelRequestedAt) controller.abort(new Cancelled("Cancelled"));

  const context: JobContext = {
    jobId: job.id,
    signal: controller.signal,
    attempt,
    progress(done, total, message) {
      latest = { done, total, message };
      if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) void writeProgress();
    },
  };

  const finish = async (data: {
    status: "SUCCEEDED" | "FAILED" | "CANCELLED" | "QUEUED";
    message: string;
    error?: string | null;
  }) => {
    await writeProgress();
    await writing;
    await prisma.backgroundJob.update({
      where: { id: job.id },
      data: {
        status: data.status,
        message: data.message,
        error: data.error ?? null,
        finishedAt: data.status === "QUEUED" ? null : new Date(),
      },
    });
  };

  try {
    const data = definition.data.parse(job.data);
    await definition.run(data, context);
    await finish({ status: "SUCCEEDED", message: "Done" });
  } catch (error) {
    const reason = controller.signal.reason as unknown;
    if (reason instanceof Cancelled) return void (await finish({ status: "CANCELLED", message: "Cancelled." }));
    if (reason instanceof ShuttingDown || isStopping()) {
      await finish({ status: "QUEUED", message: "Interrupted by a server restart; it will run again." });
      throw error; // pg-boss retries it
    }
    const message = describeError(definition, error);
    const retriesLeft = job.retryLimit - job.retryCount;
    const retry = retriesLeft > 0 && !(error instanceof JobFailure && !error.retry);
    console.error(
      `[jobs] ${definition.name} ${job.id} attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (retry) {
      await finish({ status: "QUEUED", message: `Failed; trying again in ${job.retryDelay} s.`, error: message });
      throw error;
    }
    await finish({ status: "FAILED", message: "Failed.", error: message });
  } finally {
    clearInterval(watcher);
    running.delete(job.id);
  }
}

function describeError(definition: JobDefinition, error: unknown) {
  if (error instanceof JobFailure) return error.message;
  return definition.describeError?.(error) ?? "Something went wrong while running this job.";
}

/**
 * Jobs whose row says QUEUED for over a minute may never have reached pg-boss (the process
 * died between commit and send): send them again (a duplicate send is ignored). Jobs still
 * RUNNING long after their expiry were given up on by pg-boss: close them. Rows of finished
 * jobs that belong to no workspace (cron ticks) are kept a week.
 */
export async function sweepJobs(definitions: readonly JobDefinition[]) {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const stale = await prisma.backgroundJob.findMany({
    where: {
      status: "QUEUED",
      cancelRequestedAt: null,
      startedAt: null,
      createdAt: { lt: new Date(Date.now() - 60_000) },
    },
    select: { id: true, queue: true, data: true, workspaceId: true },
    take: 100,
  });
  for (const job of stale) {
    const definition = byName.get(job.queue);
    if (definition) await dispatchJob(definition, job);
  }
  await prisma.backgroundJob.deleteMany({
    where: {
      workspaceId: null,
      status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] },
      finishedAt: { lt: daysBefore(new Date(), 7) },
    },
  });
  for (const definition of definitions) {
    const expiredBefore = new Date(Date.now() - ((definition.expireInMinutes ?? 15) + 10) * 60_000);
    await prisma.backgroundJob.updateMany({
      where: { queue: definition.name, status: "RUNNING", updatedAt: { lt: expiredBefore } },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        message: "Failed.",
        error: "It took longer than allowed and was stopped.",
      },
    });
  }
}
