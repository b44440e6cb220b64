import { analyzeCode } from "./code";
import { analyzeConfig } from "./config-files";
import { LIMITS, type Limits } from "./limits";
import { parseManifest, type ManifestInfo } from "./manifests";
import { defaultIndex, type ProviderIndex } from "./match";
import { folderKey } from "./folders";
import { classifyPath, contextOf, isConfigCode } from "./paths";
import { listFolder, TooLargeError, type Listing } from "./sources/folder";
import { decodeSource, generatedReason, LineIndex, contextAround, snippetAt } from "./text";
import type { Decoy, Finding, ScanProgress, ScanResult, Skipped, SourceFile } from "./types";
import { verdictsFor } from "./verdicts";

/**
 * A scan of one source tree: list, find copies of provider SDKs, read every file the
 * scanner understands (a few at a time), collect evidence, and turn it into verdicts. Pure:
 * no database, no network; the caller says where the files come from.
 */
export type ScanOptions = {
  index?: ProviderIndex;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  limits?: Partial<Limits>;
  /** Files read at the same time. */
  concurrency?: number;
};

export type ScanSource = ScanResult["source"];

export async function scanFolder(root: string, source: ScanSource, options: ScanOptions = {}): Promise<ScanResult> {
  options.onProgress?.({ filesDone: 0, filesTotal: 0, phase: "listing" });
  const limits = { ...LIMITS, ...options.limits };
  const listing = await listFolder(root, { maxFileBytes: limits.maxFileBytes, signal: options.signal });
  return scanListing(listing, source, options);
}

export async function scanListing(listing: Listing, source: ScanSource, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const index = options.index ?? defaultIndex();
  const limits = { ...LIMITS, ...options.limits };
  const findings: Finding[] = [];
  const decoys: Decoy[] = [];
  const skipped: Skipped[] = [...listing.skipped];
  const byLanguage: ScanResult["stats"]["byLanguage"] = {};
  const folders = new Map<string, { bytes: number; files: number }>();
  let bytesScanned = 0;
  let filesScanned = 0;
  let findingsDropped = 0;

  const skip = (path: string, reason: string) => skipped.push({ path, reason });
  const keep = (list: Finding[]) => {
    for (const f of list) {
      if (findings.length < limits.maxFindings) findings.push(f);
      else findingsDropped++;
    }
  };

  // Manifests first: they say which folders are copies of a provider's SDK.
  const manifests = new Map<string, { info: ManifestInfo; text: string }>();
  const sdkCopies: { dir: string; provider: string; name: string }[] = [];
  for (const file of listing.files) {
    const kind = classifyPath(file.path);
    if (kind.kind !== "manifest") continue;
    const text = await readText(file, skip);
    if (text === null) continue;
    const info = parseManifest(kind.manifest, text);
    manifests.set(file.path, { info, text });
    for (const own of info.ownNames) {
      const match = index.package(info.ecosystem, own);
      if (match && !match.decoy) sdkCopies.push({ dir: dirname(file.path), provider: match.provider.id, name: own });
    }
  }
  const copyOf = (path: string) => sdkCopies.find((c) => c.dir === "" || path === c.dir || path.startsWith(`${c.dir}/`));

  const total = listing.files.length;
  let done = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < 200)) return;
    lastReport = now;
    options.onProgress({ filesDone: done, filesTotal: total, phase: "scanning" });
  };
  report(true);

  const one = async (file: SourceFile) => {
    options.signal?.throwIfAborted();
    const kind = classifyPath(file.path);
    const copy = copyOf(file.path);
    if (copy) {
      const p = index.providers.find((x) => x.id === copy.provider)!;
      skip(file.path, copy.dir === "" ? `the repository is the ${p.name} SDK itself (${copy.name})` : `a copy of the ${p.name} SDK (${copy.dir}/ declares ${copy.name})`);
      return;
    }
    if (kind.kind === "lockfile") {
      skip(file.path, "lockfile (transitive dependencies, not the project's own choices)");
      return;
    }
    const context = contextOf(file.path);
    if (kind.kind === "manifest") {
      const manifest = manifests.get(file.path);
      if (!manifest) return;
      count(file.path, manifest.text.length, "manifest");
      keep(manifestFindings(file.path, manifest.info, context, index, decoys, manifest.text));
      return;
    }
    const text = await readText(file, skip);
    if (text === null) return;
    if (kind.kind === "config") {
      count(file.path, text.length, "config");
      keep(analyzeConfig({ path: file.path, text, context, index }));
      return;
    }
    if (kind.kind !== "code") return;
    const generated = generatedReason(file.path, text);
    if (generated) {
      skip(file.path, generated);
      return;
    }
    count(file.path, text.length, kind.language);
    const evidence = analyzeCode({ path: file.path, language: kind.language, text, context, index, config: isConfigCode(file.path) });
    if (evidence.sdkCopyOf) {
      const p = index.providers.find((x) => x.id === evidence.sdkCopyOf)!;
      skip(file.path, `part of a copy of the ${p.name} SDK (the file declares the SDK's own namespace)`);
      return;
    }
    keep(evidence.findings);
    decoys.push(...evidence.decoys);
  };

  function count(path: string, bytes: number, language: keyof typeof byLanguage) {
    filesScanned++;
    bytesScanned += bytes;
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
    const key = folderKey(path);
    const folder = folders.get(key) ?? { bytes: 0, files: 0 };
    folder.bytes += bytes;
    folder.files++;
    folders.set(key, folder);
  }

  await pool(listing.files, options.concurrency ?? 16, async (file) => {
    await one(file);
    done++;
    report();
  });
  options.signal?.throwIfAborted();
  options.onProgress?.({ filesDone: total, filesTotal: total, phase: "done" });

  const skippedByReason: Record<string, number> = {};
  for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  if (listing.ignored) skippedByReason["ignored by .gitignore"] = listing.ignored;
  if (listing.otherFiles) skippedByReason["not source code the scanner reads"] = listing.otherFiles;

  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.provider.localeCompare(b.provider));
  return {
    version: 1,
    source,
    startedAt,
    stats: {
      filesSeen: listing.files.length + listing.ignored + listing.otherFiles,
      filesScanned,
      bytesScanned,
      durationMs: Math.round(performance.now() - started),
      byLanguage,
      skippedByReason,
    },
    providers: verdictsFor(findings, index),
    findings,
    findingsDropped,
    decoys: dedupeDecoys(decoys),
    skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)).slice(0, limits.maxSkippedListed),
    folders: [...folders.entries()].map(([path, f]) => ({ path, ...f })).sort((a, b) => b.bytes - a.bytes),
  };
}

async function readText(file: SourceFile, skip: (path: string, reason: string) => void): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await file.read();
  } catch (error) {
    skip(file.path, error instanceof TooLargeError ? error.message : "could not be read");
    return null;
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    skip(file.path, decoded.reason);
    return null;
  }
  return decoded.text;
}

function manifestFindings(path: string, info: ManifestInfo, context: Finding["context_kind"], index: ProviderIndex, decoys: Decoy[], text: string): Finding[] {
  const lines = new LineIndex(text);
  const out: Finding[] = [];
  for (const dep of info.dependencies) {
    const match = index.package(dep.ecosystem, dep.name);
    if (!match) continue;
    if (match.decoy) {
      decoys.push({ provider: match.provider.id, file: path, line: dep.line, detail: dep.name, reason: match.decoy });
      continue;
    }
    out.push({
      provider: match.provider.id,
      kind: "manifest",
      file: path,
      line: dep.line,
      column: 1,
      snippet: snippetAt(lines, dep.line),
      context: contextAround(lines, dep.line),
      confidence: dep.dev ? 0.5 : 0.75,
      context_kind: context,
      language: "manifest",
      detail: dep.name,
      dev: dep.dev,
      ecosystem: dep.ecosystem,
    });
  }
  return out;
}

function dedupeDecoys(decoys: Decoy[]) {
  const seen = new Set<string>();
  return decoys.filter((d) => {
    const key = `${d.provider}|${d.detail}|${d.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dirname(path: string) {
  const cut = path.lastIndexOf("/");
  return cut < 0 ? "" : path.slice(0, cut);
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const runners = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
