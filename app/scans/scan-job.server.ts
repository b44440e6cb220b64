import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { defineJob, JobFailure, type JobContext } from "~/jobs/define.server";
import { runScan } from "~/scanner/run";
import { ArchiveError } from "~/scanner/sources/archive";
import { GithubError } from "~/scanner/sources/github";
import { isPositive } from "~/scanner/verdicts";
import { githubCredentials } from "./github-connection.server";

/**
 * The background job that runs one scan: GitHub through the workspace's connection (at the
 * commit the branch points at now) or an uploaded archive, with progress reported as files
 * done out of total and cancellation honoured between files. Its result is stored with the
 * scan; the upload is deleted once read.
 */
const STORED_FINDINGS = 2000;
/**
 * Scans one server runs at once (SCAN_CONCURRENCY, default 5). They share the server's event
 * loop (each yields every 15 ms), and the queue is shared fairly between workspaces.
 */
export const SCAN_CONCURRENCY = Math.max(1, Number(process.env.SCAN_CONCURRENCY ?? 5) || 5);

export const scanJob = defineJob({
  name: "scans.run",
  data: z.object({ scanId: z.string().uuid() }),
  retryLimit: 1,
  retryDelaySeconds: 30,
  // Long enough to wait out GitHub's hourly rate-limit window and still scan.
  expireInMinutes: 90,
  concurrency: SCAN_CONCURRENCY,
  fairByWorkspace: true,
  run: ({ scanId }, context) => runScanJob(scanId, context),
});

export async function runScanJob(scanId: string, context: JobContext) {
  const scan = await prisma.scan.findUnique({ where: { id: scanId }, include: { target: true, upload: true } });
  if (!scan) throw new JobFailure("This scan no longer exists.");
  const options = {
    signal: context.signal,
    onProgress: (p: { filesDone: number; filesTotal: number; phase: string }) =>
      context.progress(
        p.filesDone,
        p.filesTotal,
        p.phase === "listing" ? "Listing files…" : p.phase === "done" ? "Summing up…" : `Scanning files…`,
      ),
    onPhase: (message: string) => context.progress(0, 0, message),
    onRateLimitWait: (seconds: number, resetAt: Date) =>
      context.progress(
        0,
        0,
        `GitHub's rate limit is used up: waiting ${seconds} s, until ${resetAt.toISOString().slice(11, 19)} UTC, then continuing.`,
      ),
  };
  try {
    let result;
    if (scan.target.kind === "GITHUB") {
      const credentials = await githubCredentials(scan.workspaceId);
      if (!credentials)
        throw new JobFailure("GitHub is not connected to this workspace any more. Connect it again, then rescan.");
      result = await runScan(
        {
          kind: "github",
          owner: scan.target.owner!,
          repo: scan.target.repo!,
          ref: scan.target.ref,
          token: credentials.token,
          baseUrl: credentials.baseUrl,
          fetch: credentials.fetch,
        },
        options,
      );
    } else {
      if (!scan.upload)
        throw new JobFailure(
          "The uploaded archive is gone (it is kept only until its scan reads it). Upload it again.",
        );
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "upload-"));
      const file = path.join(dir, "archive");
      try {
        await fs.writeFile(file, scan.upload.bytes);
        result = await runScan({ kind: "archive", file, label: scan.upload.fileName }, options);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    }
    const { findings, ...summary } = result;
    await prisma.$transaction([
      prisma.scan.update({
        where: { id: scanId },
        data: {
          summary: summary as unknown as Prisma.InputJsonValue,
          findings: findings.slice(0, STORED_FINDINGS) as unknown as Prisma.InputJsonValue,
          providersUsed: result.providers.filter((p) => isPositive(p.verdict)).map((p) => p.provider),
          commitSha: result.source.commit ?? null,
          finishedAt: new Date(),
        },
      }),
      prisma.scanUpload.deleteMany({ where: { scanId } }),
    ]);
  } catch (error) {
    if (error instanceof GithubError) throw new JobFailure(error.message, error.kind === "unreachable");
    if (error instanceof ArchiveError) {
      await prisma.scanUpload.deleteMany({ where: { scanId } });
      throw new JobFailure(error.message);
    }
    throw error;
  }
}
