import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { boss } from "./boss.server";
import type { JobDefinition } from "./define.server";

/**
 * Starting, following and cancelling background jobs. A job is a BackgroundJob row written
 * in the caller's transaction (so a scan and its job exist together or not at all), then
 * sent to pg-boss with the same id. If the process dies between the two, the worker's sweep
 * sends it later; pg-boss ignores a second send of the same id.
 */
type Tx = Prisma.TransactionClient;

export type JobOwner = { workspaceId?: string | null; createdById?: string | null };

export async function createJob<S extends z.ZodType>(
  tx: Tx,
  definition: JobDefinition<S>,
  data: z.input<S>,
  owner: JobOwner = {},
) {
  const parsed = definition.data.parse(data) as Prisma.InputJsonValue;
  return tx.backgroundJob.create({
    data: {
      id: randomUUID(),
      queue: definition.name,
      data: parsed,
      workspaceId: owner.workspaceId ?? null,
      createdById: owner.createdById ?? null,
      message: "Waiting for a worker…",
    },
    select: { id: true, queue: true, data: true, workspaceId: true },
  });
}

const createdQueues = new Set<string>();

export async function ensureQueue(definition: JobDefinition) {
  if (createdQueues.has(definition.name)) return;
  const b = await boss();
  await b.createQueue(definition.name, {
    name: definition.name,
    retryLimit: definition.retryLimit ?? 2,
    retryDelay: definition.retryDelaySeconds ?? 30,
    retryBackoff: definition.retryBackoff ?? false,
    expireInSeconds: (definition.expireInMinutes ?? 15) * 60,
  });
  createdQueues.add(definition.name);
}

/** Sends a created job to pg-boss. Safe to call twice for the same job. */
export async function dispatchJob(
  definition: JobDefinition,
  job: { id: string; data: unknown; workspaceId?: string | null },
  options: { startAfter?: Date } = {},
) {
  await ensureQueue(definition);
  const b = await boss();
  await b.send(definition.name, job.data as object, {
    id: job.id,
    ...(definition.fairByWorkspace && job.workspaceId ? { priority: await fairPriority(definition, job) } : {}),
    retryLimit: definition.retryLimit ?? 2,
    retryDelay: definition.retryDelaySeconds ?? 30,
    retryBackoff: definition.retryBackoff ?? false,
    expireInSeconds: (definition.expireInMinutes ?? 15) * 60,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
  wakeWorkers(definition.name);
}

/**
 * pg-boss takes the highest priority first, then the oldest: a job's priority is minus the
 * number of its workspace's jobs of the queue already waiting or running, so each workspace's
 * first job goes before any workspace's second (round robin by workspace).
 */
async function fairPriority(definition: JobDefinition, job: { id: string; workspaceId?: string | null }) {
  const ahead = await prisma.backgroundJob.count({
    where: {
      queue: definition.name,
      workspaceId: job.workspaceId,
      status: { in: ["QUEUED", "RUNNING"] },
      id: { not: job.id },
    },
  });
  return -ahead;
}

/**
 * Sends a job at most once per `seconds` per key, however often it is asked for: a request
 * within a slot that already has its job is carried over to the next slot (pg-boss's
 * singletonNextSlot), so the last change is always seen. For cheap follow-up work (detection
 * after each ingestion batch); the worker writes the job's BackgroundJob row when it runs.
 */
export async function enqueueCoalesced<S extends z.ZodType>(
  definition: JobDefinition<S>,
  data: z.input<S>,
  { key, seconds }: { key: string; seconds: number },
) {
  await ensureQueue(definition);
  const b = await boss();
  const id = await b.send(definition.name, definition.data.parse(data) as object, {
    singletonKey: key,
    singletonSeconds: seconds,
    singletonNextSlot: true,
    retryLimit: definition.retryLimit ?? 2,
    retryDelay: definition.retryDelaySeconds ?? 30,
    expireInSeconds: (definition.expireInMinutes ?? 15) * 60,
  });
  if (id) wakeWorkers(definition.name);
  return id;
}

/** Creates and sends a job on its own (when there is nothing else to write with it). */
export async function enqueue<S extends z.ZodType>(
  definition: JobDefinition<S>,
  data: z.input<S>,
  owner: JobOwner = {},
) {
  const job = await prisma.$transaction((tx) => createJob(tx, definition, data, owner));
  await dispatchJob(definition, job);
  return job;
}

/** Workers of this process, by queue, so a job sent here starts at once rather than at the next poll. */
const globalForWorkers = globalThis as unknown as { jobWorkerIds?: Map<string, string[]> };
export function registerLocalWorker(queue: string, workerId: string) {
  const map = (globalForWorkers.jobWorkerIds ??= new Map());
  map.set(queue, [...(map.get(queue) ?? []), workerId]);
}
export function forgetLocalWorkers() {
  globalForWorkers.jobWorkerIds?.clear();
}
function wakeWorkers(queue: string) {
  const ids = globalForWorkers.jobWorkerIds?.get(queue);
  if (!ids?.length) return;
  void boss().then((b) => ids.forEach((id) => b.notifyWorker(id)));
}

export type CancelOutcome = "cancelled" | "requested" | "finished";

/**
 * Cancels a job: one still waiting is cancelled at once; a running one is asked to stop
 * (its worker sees the request within a second and aborts its signal).
 */
export async function cancelJob(jobId: string): Promise<CancelOutcome> {
  const job = await prisma.backgroundJob.findUnique({ where: { id: jobId }, select: { status: true, queue: true } });
  if (!job || job.status === "SUCCEEDED" || job.status === "FAILED" || job.status === "CANCELLED") return "finished";
  if (job.status === "QUEUED") {
    const updated = await prisma.backgroundJob.updateMany({
      where: { id: jobId, status: "QUEUED" },
      data: {
        status: "CANCELLED",
        cancelRequestedAt: new Date(),
        finishedAt: new Date(),
        message: "Cancelled before it started.",
      },
    });
    if (updated.count === 1) {
      await (await boss()).cancel(job.queue, jobId).catch(() => {});
      return "cancelled";
    }
  }
  await prisma.backgroundJob.updateMany({
    where: { id: jobId, status: "RUNNING" },
    data: { cancelRequestedAt: new Date(), message: "Cancelling…" },
  });
  return "requested";
}

export type JobView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  progressDone: number;
  progressTotal: number;
  message: string | null;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export function viewOfJob(job: {
  id: string;
  status: JobView["status"];
  progressDone: number;
  progressTotal: number;
  message: string | null;
  error: string | null;
  cancelRequestedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): JobView {
  return {
    id: job.id,
    status: job.status,
    progressDone: job.progressDone,
    progressTotal: job.progressTotal,
    message: job.message,
    error: job.error,
    cancelRequested: Boolean(job.cancelRequestedAt),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** A job as its workspace's members may see it, or null (unknown, or another workspace's). */
export async function jobInWorkspace(jobId: string, workspaceId: string) {
  const job = await prisma.backgroundJob.findFirst({ where: { id: jobId, workspaceId } });
  return job ? viewOfJob(job) : null;
}
