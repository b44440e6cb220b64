import type { CodeLanguage, Ecosystem } from "./providers/schema";

/**
 * What a scan produces. Plain JSON (no classes, no Dates) so the same object is printed by
 * the command line, stored with a scan in PostgreSQL and sent to the browser.
 */

/** How a finding shows that code uses a provider, strongest first in practice. */
export type EvidenceKind =
  | "sdk-call" // client construction or a call of the provider's SDK (with the operation when known)
  | "import" // an import/require/use of the provider's SDK
  | "api-host" // the provider's API host in a URL the code requests (or mentions)
  | "browser" // a page loads the provider's script from its CDN, or calls its browser global
  | "manifest" // a dependency declared in package.json, requirements.txt, go.mod, pom.xml, Gemfile, composer.json, …
  | "env-read" // code reads an environment variable named for the provider
  | "env-config"; // a configuration file (.env.example, docker-compose) defines such a variable: a configured key

/** Where a finding sits: only "code" counts towards a verdict; the others are reported apart. */
export type FindingContext = "code" | "test" | "example";

export type Finding = {
  provider: string;
  kind: EvidenceKind;
  file: string;
  line: number;
  column: number;
  /** The line itself, trimmed, at most 240 characters, with anything that looks like a secret masked. */
  snippet: string;
  /** A few lines around it (same masking), for showing the code in context. */
  context: { startLine: number; lines: string[] };
  confidence: number;
  context_kind: FindingContext;
  language: CodeLanguage | "manifest" | "config";
  /** What matched: the package, import, host, variable or call. */
  detail: string;
  /** For a cloud (AWS, Google Cloud, Azure): the service the evidence names ("s3", "aiplatform", "blob"). */
  service?: string;
  /** The marketplace catalog operationId, for SDK calls and API URLs the catalog prices. */
  operation?: string;
  /** For calls: inside a loop, and whether a cache is in sight. Recommendations read these. */
  inLoop?: boolean;
  cached?: boolean;
  /** For manifests: declared as a development-only dependency. */
  dev?: boolean;
  ecosystem?: Ecosystem;
};

export type Verdict = "uses" | "likely" | "possible" | "test-only" | "not-used";

export type ProviderVerdict = {
  provider: string;
  name: string;
  category: string;
  catalogSlug?: string;
  verdict: Verdict;
  confidence: number;
  /** Sentences a person can check: "imports stripe in 4 files (api/pay.ts:3, …)". */
  reasons: string[];
  counts: Partial<Record<EvidenceKind, number>>;
  files: number;
  operations: { id: string; callSites: number; inLoop: number }[];
  /** What an evaluation labels it by: its registrable domain ("stripe.com") or its cloud ("aws"). */
  domain: string;
  /** For a cloud: each service the code uses, with its own verdict from the evidence that names it. */
  services?: { service: string; verdict: Verdict; confidence: number; files: number }[];
};

/** Something the scanner did not read, and why: shown to people, never silently dropped. */
export type Skipped = { path: string; reason: string };

/** A library from a provider's company that is not that provider's API, seen and set aside. */
export type Decoy = { provider: string; file: string; line: number; detail: string; reason: string };

export type ScanStats = {
  filesSeen: number;
  filesScanned: number;
  bytesScanned: number;
  durationMs: number;
  byLanguage: Partial<Record<CodeLanguage | "manifest" | "config", number>>;
  skippedByReason: Record<string, number>;
};

export type ScanResult = {
  version: 1;
  source: { kind: "folder" | "archive" | "github"; label: string; commit?: string };
  startedAt: string;
  stats: ScanStats;
  providers: ProviderVerdict[];
  findings: Finding[];
  /** Findings beyond the stored cap are counted here, not kept. */
  findingsDropped: number;
  decoys: Decoy[];
  skipped: Skipped[];
  /** Size of each top-level folder in scanned bytes, for the "by folder" treemap. */
  folders: { path: string; bytes: number; files: number }[];
};

/** A file as sources hand it to the scanner: a path relative to the root (with "/"), and a way to read it (bytes valid until the next read). */
export type SourceFile = { path: string; read: () => Buffer };

export type ScanProgress = {
  filesDone: number;
  filesTotal: number;
  phase: "listing" | "scanning" | "done";
  message?: string;
};
