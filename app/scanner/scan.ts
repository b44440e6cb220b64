import { analyzeFile, type FileJob, type FileOutcome } from "./analyze-file";
import { serviceOfPackage } from "./clouds";
import { folderKey } from "./folders";
import { LIMITS, type Limits } from "./limits";
import { parseManifest, type ManifestInfo } from "./manifests";
import { defaultIndex, type ProviderIndex } from "./match";
import type { Ecosystem, Provider } from "./providers";
import { classifyPath, contextOf } from "./paths";
import { listFolder, TooLargeError } from "./sources/folder";
import { decodeSource, LineIndex, contextAround, snippetAt } from "./text";
import type { Decoy, Finding, ScanProgress, ScanResult, Skipped, SourceFile } from "./types";
import { verdictsFor } from "./verdicts";

/**
 * A scan of one source tree: list it, find copies of provider SDKs, read every file the
 * scanner understands, collect evidence, and turn it into verdicts. Pure: no database, no
 * network; the caller says where the files come from.
 *
 * Listing and reading interleave on this one thread: each folder is listed synchronously and
 * its files scanned at once, before its subfolders are listed (a walk that yields to the
 * event loop every 15 ms). A folder's manifests are read before its other files, so a folder
 * that is a copy of a provider's SDK is known before anything in it (or below it) is scanned.
 * Three ways to use a second core were built and measured slower on our 2 shared cores, where
 * the listing's readdir calls are the largest cost and slow down as soon as another thread of
 * the scan competes for the cores: analysis in worker threads started from bundled plain
 * JavaScript, folder listings read ahead in a worker, and file contents read in a worker
 * (docs/decisions/044-scanner-one-thread.md, figures in docs/benchmarks.md).
 */
export type ScanOptions = {
  index?: ProviderIndex;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  limits?: Partial<Limits>;
};

export type ScanSource = ScanResult["source"];

export async function scanFolder(root: string, source: ScanSource, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const index = options.index ?? defaultIndex();
  const limits = { ...LIMITS, ...options.limits };
  const findings: Finding[] = [];
  const decoys: Decoy[] = [];
  const skipped: Skipped[] = [];
  const byLanguage: ScanResult["stats"]["byLanguage"] = {};
  const folders = new Map<string, { bytes: number; files: number }>();
  const sdkCopies: { dir: string; provider: string; name: string }[] = [];
  let bytesScanned = 0;
  let filesScanned = 0;
  let findingsDropped = 0;
  let found = 0;
  let done = 0;
  let listed = false;

  const skip = (path: string, reason: string) => skipped.push({ path, reason });
  const keep = (list: Finding[]) => {
    for (const f of list) {
      if (findings.length < limits.maxFindings) findings.push(f);
      else findingsDropped++;
    }
  };
  const count = (path: string, bytes: number, language: keyof typeof byLanguage) => {
    filesScanned++;
    bytesScanned += bytes;
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
    const key = folderKey(path);
    const folder = folders.get(key) ?? { bytes: 0, files: 0 };
    folder.bytes += bytes;
    folder.files++;
    folders.set(key, folder);
  };
  const apply = (outcome: FileOutcome) => {
    if ("skip" in outcome) return skip(outcome.path, outcome.skip);
    count(outcome.path, outcome.bytes, outcome.counted);
    keep(outcome.findings);
    decoys.push(...outcome.decoys);
  };
  const copyOf = (path: string) =>
    sdkCopies.find((c) => c.dir === "" || path === c.dir || path.startsWith(`${c.dir}/`));

  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < 200)) return;
    lastReport = now;
    options.onProgress({ filesDone: done, filesTotal: found, phase: listed ? "scanning" : "listing" });
  };
  report(true);

  /** One folder's files: manifests first (they may mark the folder as an SDK copy), then the rest. */
  const scanBatch = (batch: SourceFile[]) => {
    const kinds = batch.map((file) => ({ file, kind: classifyPath(file.path) }));
    for (const { file, kind } of kinds) {
      if (kind.kind !== "manifest" || copyOf(file.path)) continue;
      const text = readText(file, skip);
      if (text === null) continue;
      const info = parseManifest(kind.manifest, text);
      const own = info.ownNames
        .map((name) => ({ name, match: index.package(info.ecosystem, name) }))
        .find(
          (o) => o.match && !o.match.decoy && isOfficialSdk(o.match.provider, info.ecosystem, o.name, o.match.name),
        );
      if (own) {
        sdkCopies.push({ dir: dirname(file.path), provider: own.match!.provider.id, name: own.name });
        continue;
      }
      count(file.path, text.length, "manifest");
      keep(manifestFindings(file.path, info, contextOf(file.path), index, decoys, text));
    }
    for (const { file, kind } of kinds) {
      options.signal?.throwIfAborted();
      done++;
      const copy = copyOf(file.path);
      if (copy) {
        const p = index.byId(copy.provider)!;
        skip(
          file.path,
          copy.dir === ""
            ? `the repository is the ${p.name} SDK itself (${copy.name})`
            : `a copy of the ${p.name} SDK (${copy.dir}/ declares ${copy.name})`,
        );
      } else if (kind.kind === "lockfile") {
        skip(file.path, "lockfile (transitive dependencies, not the project's own choices)");
      } else if (kind.kind === "code") {
        apply(
          analyzeFile({ path: file.path, kind: "code", language: kind.language } satisfies FileJob, file.read, index),
        );
      } else if (kind.kind === "config") {
        apply(analyzeFile({ path: file.path, kind: "config" }, file.read, index));
      }
    }
    report();
  };

  // The listing hands over each folder as soon as it is read, parents before their subfolders.
  const listing = await listFolder(root, {
    maxFileBytes: limits.maxFileBytes,
    signal: options.signal,
    onFolder: (files) => {
      found += files.length;
      scanBatch(files);
    },
  });
  listed = true;
  const { skipped: setAside, ignored, otherFiles } = listing;
  skipped.push(...setAside);
  options.signal?.throwIfAborted();
  options.onProgress?.({ filesDone: found, filesTotal: found, phase: "done" });

  const skippedByReason: Record<string, number> = {};
  for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  if (ignored) skippedByReason["ignored by .gitignore"] = ignored;
  if (otherFiles) skippedByReason["not source code the scanner reads"] = otherFiles;

  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.provider.localeCompare(b.provider));
  return {
    version: 1,
    source,
    startedAt,
    stats: {
      filesSeen: found + ignored + otherFiles,
      filesScanned,
      bytesScanned,
      durationMs: Math.round(performance.now() - started),
      byLanguage,
      skippedByReason,
    },
    providers: verdictsFor(findings, index),
    findings,
    findingsDropped,
    decoys: dedupeDecoys(decoys.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)),
    skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)).slice(0, limits.maxSkippedListed),
    folders: [...folders.entries()].map(([path, f]) => ({ path, ...f })).sort((a, b) => b.bytes - a.bytes),
  };
}

function readText(file: SourceFile, skip: (path: string, reason: string) => void): string | null {
  let bytes: Buffer;
  try {
    bytes = file.read();
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

function manifestFindings(
  path: string,
  info: ManifestInfo,
  context: Finding["context_kind"],
  index: ProviderIndex,
  decoys: Decoy[],
  text: string,
): Finding[] {
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
      ...serviceOf(match.provider, dep.ecosystem, dep.name),
    });
  }
  return out;
}

/**
 * Whether a manifest's own name is one of the provider's official SDK packages: named in the
 * catalog, or under the provider's own prefix and named like an SDK ("@aws-sdk/client-s3",
 * "google-cloud-storage"). A sample or a library that only sits under the provider's group
 * ("com.amazonaws:aws-lambda-java-example") is scanned like any other code.
 */
function isOfficialSdk(provider: Provider, ecosystem: Ecosystem, own: string, matched: string) {
  if (!publishedByProvider(provider, ecosystem, own)) return false;
  if (!matched.endsWith("*")) return true;
  if (provider.cloud && serviceOfPackage(provider.cloud, ecosystem, own)) return true;
  return /(^|[^a-z])sdk([^a-z]|$)/i.test(own);
}

/**
 * Whether a package's owner, where its name says who that is (an npm scope, a Composer vendor,
 * a Maven group, a Go module's organisation), is the provider: league/flysystem-aws-s3-v3,
 * laravel/cashier-stripe and google/go-github are built on a provider's API by someone else,
 * so their repositories are scanned like any other code. Names without an owner (PyPI,
 * RubyGems, unscoped npm) cannot tell, and the catalog's listing decides.
 */
function publishedByProvider(provider: Provider, ecosystem: Ecosystem, name: string) {
  const owner = ownerOf(ecosystem, name.toLowerCase());
  if (owner === null) return true;
  const squashed = owner.replace(/[^a-z0-9]/g, "");
  return brandsOf(provider).some((brand) => squashed.includes(brand));
}

function ownerOf(ecosystem: Ecosystem, name: string): string | null {
  if (ecosystem === "npm") return name.startsWith("@") ? name.slice(1).split("/")[0]! : null;
  if (ecosystem === "composer") return name.split("/")[0]!;
  if (ecosystem === "maven") return name.split(":")[0]!;
  if (ecosystem === "go") {
    const [host, org] = name.split("/");
    return /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(host!) && org ? org : host!;
  }
  return null;
}

/** The names a provider publishes under: its id's and domains' words, and the few brands that differ. */
const GENERIC_WORDS = new Set(["com", "net", "org", "api", "apis", "cloud", "sdk", "www", "app", "dev", "the"]);
const OTHER_BRANDS: Record<string, string[]> = { github: ["octokit"], aws: ["amazon"], "google-cloud": ["googleapis"] };
function brandsOf(provider: Provider) {
  const words = [provider.id, provider.domain, ...provider.aliases].flatMap((n) => n.toLowerCase().split(/[.-]/));
  return [...words.filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w)), ...(OTHER_BRANDS[provider.id] ?? [])];
}

function serviceOf(provider: Provider, ecosystem: Ecosystem, name: string) {
  const service = (provider.cloud && serviceOfPackage(provider.cloud, ecosystem, name)) || provider.service;
  return service ? { service } : {};
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
