import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LIMITS } from "./limits";
import { scanFolder, type ScanOptions } from "./scan";
import type { Extraction } from "./sources/archive";
import type { ScanResult } from "./types";

/**
 * One entry point for every kind of source: a folder is scanned where it is; an archive or
 * a GitHub repository is unpacked (safely, within limits) into a private temporary folder
 * that is removed afterwards, whatever happens.
 */
export type ScanInput =
  | { kind: "folder"; path: string; label?: string }
  | { kind: "archive"; file: string; label?: string }
  | {
      kind: "github";
      owner: string;
      repo: string;
      ref?: string | null;
      token: string;
      baseUrl: string;
      /** See GithubClientOptions.fetch: the app's address-checked fetch. */
      fetch?: typeof fetch;
    };

export type RunOptions = ScanOptions & {
  onRateLimitWait?: (seconds: number, resetAt: Date) => void;
  onPhase?: (message: string) => void;
};

export async function runScan(input: ScanInput, options: RunOptions = {}): Promise<ScanResult> {
  if (input.kind === "folder") {
    return scanFolder(
      input.path,
      { kind: "folder", label: input.label ?? path.basename(path.resolve(input.path)) },
      options,
    );
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "scan-"));
  try {
    const limits = { ...LIMITS, ...options.limits };
    if (input.kind === "archive") {
      // Loaded only when needed: the command line starts on every run, and most runs scan a folder.
      const { extractArchiveFile } = await import("./sources/archive");
      options.onPhase?.("Unpacking the archive…");
      const extraction = await extractArchiveFile(input.file, dir, { limits, signal: options.signal });
      const result = await scanFolder(
        extraction.root,
        { kind: "archive", label: input.label ?? path.basename(input.file) },
        options,
      );
      return withExtraction(result, extraction);
    }
    const { downloadRepository, githubClient, resolveCommit } = await import("./sources/github");
    const octokit = githubClient({
      token: input.token,
      baseUrl: input.baseUrl,
      signal: options.signal,
      onRateLimitWait: options.onRateLimitWait,
      fetch: input.fetch,
    });
    const { sha, ref } = await resolveCommit(octokit, input.owner, input.repo, input.ref);
    options.onPhase?.(`Downloading ${input.owner}/${input.repo} at ${sha.slice(0, 7)} (${ref})…`);
    const extraction = await downloadRepository(octokit, {
      owner: input.owner,
      repo: input.repo,
      sha,
      dest: dir,
      limits,
      signal: options.signal,
    });
    const result = await scanFolder(
      extraction.root,
      { kind: "github", label: `${input.owner}/${input.repo}`, commit: sha },
      options,
    );
    return withExtraction(result, extraction);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** What unpacking set aside belongs in the result too, with its reasons. */
function withExtraction(result: ScanResult, extraction: Extraction): ScanResult {
  const skippedByReason = { ...result.stats.skippedByReason };
  for (const s of extraction.skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  if (extraction.otherFiles) {
    const key = "not source code the scanner reads";
    skippedByReason[key] = (skippedByReason[key] ?? 0) + extraction.otherFiles;
  }
  return {
    ...result,
    stats: {
      ...result.stats,
      filesSeen: result.stats.filesSeen + extraction.otherFiles + extraction.skipped.length,
      skippedByReason,
    },
    skipped: [...extraction.skipped, ...result.skipped].slice(0, LIMITS.maxSkippedListed),
  };
}
