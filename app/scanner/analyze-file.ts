import { analyzeCode } from "./code";
import { analyzeConfig } from "./config-files";
import type { ProviderIndex } from "./match";
import { contextOf, isConfigCode } from "./paths";
import type { CodeLanguage } from "./providers";
import { TooLargeError } from "./sources/folder";
import { decodeSource, generatedReason } from "./text";
import type { Decoy, Finding } from "./types";

/**
 * One source or configuration file, from its bytes to its evidence (or the reason it was
 * set aside). Pure and self-contained: it needs only the file's bytes and the provider index.
 */
export type FileJob = { path: string; kind: "code"; language: CodeLanguage } | { path: string; kind: "config" };

export type FileOutcome =
  | { path: string; skip: string }
  | { path: string; counted: CodeLanguage | "config"; bytes: number; findings: Finding[]; decoys: Decoy[] };

export function analyzeFile(job: FileJob, read: () => Buffer, index: ProviderIndex): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { path: job.path, skip: error instanceof TooLargeError ? error.message : "could not be read" };
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { path: job.path, skip: decoded.reason };
  const text = decoded.text;
  const context = contextOf(job.path);
  if (job.kind === "config") {
    return {
      path: job.path,
      counted: "config",
      bytes: text.length,
      findings: analyzeConfig({ path: job.path, text, context, index }),
      decoys: [],
    };
  }
  const generated = generatedReason(job.path, text);
  if (generated) return { path: job.path, skip: generated };
  const evidence = analyzeCode({
    path: job.path,
    language: job.language,
    text,
    context,
    index,
    config: isConfigCode(job.path),
  });
  return {
    path: job.path,
    counted: job.language,
    bytes: text.length,
    findings: evidence.findings,
    decoys: evidence.decoys,
  };
}
