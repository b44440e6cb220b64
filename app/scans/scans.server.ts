import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "~/db/client.server";
import { createJob, dispatchJob, viewOfJob } from "~/jobs/queue.server";
import type { ScanResult, Finding } from "~/scanner/types";
import { nextRunAfter, type Cadence } from "./schedule";
import { scanJob } from "./scan-job.server";

/**
 * Scans as a workspace sees them: start one (a GitHub repository or an uploaded archive),
 * the history of each target with what changed between scans, and automatic rescans.
 * A scan and its background job are written in one transaction, then the job is sent.
 */
export const RepoSchema = z.object({
  owner: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, "Choose a repository."),
  repo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, "Choose a repository."),
  ref: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\s~^:?*[\\]*$/, "That is not a valid branch name.")
    .optional()
    .transform((v) => v || undefined),
});

type StartedBy = { workspaceId: string; userId: string | null; trigger?: "manual" | "schedule" };

async function startScan(targetId: string, by: StartedBy, upload?: { fileName: string; bytes: Buffer }) {
  const scanId = randomUUID();
  const job = await prisma.$transaction(async (tx) => {
    const created = await createJob(tx, scanJob, { scanId }, { workspaceId: by.workspaceId, createdById: by.userId });
    await tx.scan.create({
      data: {
        id: scanId,
        workspaceId: by.workspaceId,
        targetId,
        jobId: created.id,
        trigger: by.trigger ?? "manual",
        createdById: by.userId,
        ...(upload ? { upload: { create: { fileName: upload.fileName, bytes: new Uint8Array(upload.bytes) } } } : {}),
      },
    });
    return created;
  });
  await dispatchJob(scanJob, job);
  return { scanId, jobId: job.id };
}

export async function startGithubScan(input: StartedBy & z.infer<typeof RepoSchema>) {
  const label = `${input.owner}/${input.repo}`;
  const target = await prisma.scanTarget.upsert({
    where: { workspaceId_kind_label: { workspaceId: input.workspaceId, kind: "GITHUB", label } },
    create: {
      workspaceId: input.workspaceId,
      kind: "GITHUB",
      label,
      owner: input.owner,
      repo: input.repo,
      ref: input.ref ?? null,
      createdById: input.userId,
    },
    update: input.ref !== undefined ? { ref: input.ref } : {},
  });
  return startScan(target.id, input);
}

export async function startArchiveScan(input: StartedBy & { fileName: string; bytes: Buffer }) {
  const label = input.fileName;
  const target = await prisma.scanTarget.upsert({
    where: { workspaceId_kind_label: { workspaceId: input.workspaceId, kind: "ARCHIVE", label } },
    create: { workspaceId: input.workspaceId, kind: "ARCHIVE", label, createdById: input.userId },
    update: {},
  });
  return startScan(target.id, input, { fileName: input.fileName, bytes: input.bytes });
}

/** Rescans a target again (GitHub only: an archive's bytes are not kept). */
export async function rescanTarget(workspaceId: string, targetId: string, by: StartedBy) {
  const target = await prisma.scanTarget.findFirst({ where: { id: targetId, workspaceId, kind: "GITHUB" } });
  if (!target) return null;
  return startScan(target.id, by);
}

export async function setCadence(workspaceId: string, targetId: string, cadence: Cadence | null, now = new Date()) {
  const updated = await prisma.scanTarget.updateMany({
    where: { id: targetId, workspaceId, kind: "GITHUB" },
    data: { cadence, nextRunAt: cadence ? nextRunAfter(cadence, now) : null },
  });
  return updated.count === 1;
}

/**
 * Starts every rescan that is due. Each target is claimed by moving its nextRunAt forward
 * only if it still holds the value read, so two servers ticking at once start it once.
 */
export async function startDueRescans(now = new Date()) {
  const due = await prisma.scanTarget.findMany({
    where: { cadence: { not: null }, nextRunAt: { lte: now }, kind: "GITHUB" },
    select: { id: true, workspaceId: true, cadence: true, nextRunAt: true },
    take: 200,
  });
  let started = 0;
  for (const target of due) {
    const claimed = await prisma.scanTarget.updateMany({
      where: { id: target.id, nextRunAt: target.nextRunAt },
      data: { nextRunAt: nextRunAfter(target.cadence!, now) },
    });
    if (claimed.count !== 1) continue;
    await startScan(target.id, { workspaceId: target.workspaceId, userId: null, trigger: "schedule" });
    started++;
  }
  return started;
}

const scanListSelect = {
  id: true,
  trigger: true,
  commitSha: true,
  createdAt: true,
  finishedAt: true,
  providersUsed: true,
  job: true,
} as const;

/** Every target of the workspace with its scans, newest first, and what each scan changed. */
export async function scanHistory(workspaceId: string) {
  const targets = await prisma.scanTarget.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    include: { scans: { orderBy: { createdAt: "desc" }, take: 20, select: scanListSelect } },
  });
  return targets.map((t) => ({
    id: t.id,
    kind: t.kind,
    label: t.label,
    ref: t.ref,
    cadence: t.cadence,
    nextRunAt: t.nextRunAt?.toISOString() ?? null,
    scans: t.scans.map((s, i) => {
      const previous = t.scans.slice(i + 1).find((p) => p.job.status === "SUCCEEDED");
      return {
        id: s.id,
        trigger: s.trigger,
        commitSha: s.commitSha,
        createdAt: s.createdAt.toISOString(),
        finishedAt: s.finishedAt?.toISOString() ?? null,
        providersUsed: s.providersUsed,
        job: viewOfJob(s.job),
        changes:
          s.job.status === "SUCCEEDED" && previous ? diffProviders(previous.providersUsed, s.providersUsed) : null,
      };
    }),
  }));
}

export function diffProviders(before: string[], after: string[]) {
  return {
    added: after.filter((p) => !before.includes(p)).sort(),
    removed: before.filter((p) => !after.includes(p)).sort(),
  };
}

export type StoredScan = {
  id: string;
  workspaceId: string;
  target: { id: string; kind: "GITHUB" | "ARCHIVE"; label: string };
  createdAt: string;
  job: ReturnType<typeof viewOfJob>;
  result: (Omit<ScanResult, "findings"> & { findings: Finding[] }) | null;
};

/** One scan of the workspace, with its result when it has one; null when not in this workspace. */
export async function loadScan(workspaceId: string, scanId: string): Promise<StoredScan | null> {
  if (!z.string().uuid().safeParse(scanId).success) return null;
  const scan = await prisma.scan.findFirst({
    where: { id: scanId, workspaceId },
    include: { job: true, target: true },
  });
  if (!scan) return null;
  return {
    id: scan.id,
    workspaceId: scan.workspaceId,
    target: { id: scan.target.id, kind: scan.target.kind, label: scan.target.label },
    createdAt: scan.createdAt.toISOString(),
    job: viewOfJob(scan.job),
    result: scan.summary
      ? {
          ...(scan.summary as unknown as Omit<ScanResult, "findings">),
          findings: (scan.findings ?? []) as unknown as Finding[],
        }
      : null,
  };
}

/** What the page opens on: the newest scan that succeeded or is still running, else the newest of all. */
export async function latestScanId(workspaceId: string) {
  const useful = await prisma.scan.findFirst({
    where: { workspaceId, job: { status: { in: ["SUCCEEDED", "RUNNING", "QUEUED"] } } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const scan =
    useful ??
    (await prisma.scan.findFirst({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: { id: true } }));
  return scan?.id ?? null;
}
