import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { normalizeService } from "../../app/scanner/clouds";
import { PROVIDERS, providerById, type Cloud } from "../../app/scanner/providers";
import { scanFolder } from "../../app/scanner/scan";
import type { ScanResult } from "../../app/scanner/types";
import { isPositive } from "../../app/scanner/verdicts";
import { root } from "../../scripts/lib/processes";
import { labelsOf, score, splitLevels, toMarkdown, type Predicted } from "./score";

/**
 * The scanner's accuracy on labelled public repositories, next to a keyword grep over the
 * same files. Version 2 labels (bench/accuracy/labels-v2.json, made by someone who did not
 * see the scanner's output) name providers by registrable domain and clouds by family and
 * service; they are scored per family and per service. Version 1 labels (labels.json, the
 * scanner's own provider ids) are scored per provider. The held-out part
 * (bench/accuracy/holdout/) is read only when asked for, once, at the end.
 * Needs the repositories at their pinned commits: cloned from GitHub (default), or taken
 * from local bare mirrors. Not part of `npm test` (no network in CI).
 *
 *   npx tsx bench/accuracy/run.ts                          # labels-v2.json if present, else labels.json
 *   npx tsx bench/accuracy/run.ts --mirrors /work/.mirror  # bare mirrors named owner+name/repo
 *   npx tsx bench/accuracy/run.ts --labels bench/accuracy/labels.json
 *   npx tsx bench/accuracy/run.ts --holdout                # the held-out labels, alone
 */
const { values } = parseArgs({
  options: {
    mirrors: { type: "string" },
    cache: { type: "string", default: path.join(root, ".cache/scan-accuracy") },
    labels: { type: "string" },
    holdout: { type: "boolean", default: false },
    only: { type: "string" },
  },
});

type V1 = { repo: string; commit: string; uses: string[]; set: "development" | "held-out" };
type V2 = {
  repo: string;
  commit: string;
  language: string;
  kind: string;
  uses: string[];
};

const v2Path = path.join(root, "bench/accuracy/labels-v2.json");
const file = values.holdout
  ? path.join(root, "bench/accuracy/holdout/labels-v2-holdout.json")
  : (values.labels ?? (existsSync(v2Path) ? v2Path : path.join(root, "bench/accuracy/labels.json")));
const labels = JSON.parse(readFileSync(file, "utf8")) as { version?: number; repositories: (V1 | V2)[] };
const version2 = labels.version === 2;
const repositories = labels.repositories.filter((r) => !values.only || r.repo === values.only);

function checkout(repo: string, commit: string) {
  const dir = path.join(values.cache!, `${repo.replace("/", "+")}@${commit.slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  if (values.mirrors) {
    const mirror = path.join(values.mirrors, repo.replace("/", "+"), "repo");
    // Bare mirrors, or a clone whose git directory is repo/.git.
    const gitDir = existsSync(path.join(mirror, ".git")) ? path.join(mirror, ".git") : mirror;
    try {
      const archive = execFileSync("git", ["--git-dir", gitDir, "archive", commit], { maxBuffer: 2e9, stdio: "pipe" });
      execFileSync("tar", ["-x", "-C", dir], { input: archive, maxBuffer: 2e9 });
    } catch {
      // A mirror may lack its largest blobs (images, data), which `git archive` refuses; the
      // files that are there are written one by one and the missing ones counted.
      const missing = extractPresentBlobs(gitDir, commit, dir);
      process.stderr.write(`${repo}: ${missing} file(s) absent from the mirror, not scanned\n`);
    }
  } else {
    execFileSync("git", ["init", "--quiet", dir]);
    execFileSync("git", ["-C", dir, "fetch", "--quiet", "--depth", "1", `https://github.com/${repo}`, commit]);
    execFileSync("git", ["-C", dir, "checkout", "--quiet", "FETCH_HEAD"]);
  }
  return dir;
}

function extractPresentBlobs(gitDir: string, commit: string, dir: string) {
  const entries = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "-z", commit], { maxBuffer: 2e9 })
    .toString("utf8")
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split("\t") as [string, string];
      const [mode, type, sha] = meta.split(" ") as [string, string, string];
      return { mode, type, sha, file };
    })
    .filter((e) => e.type === "blob" && e.mode !== "120000");
  const batch = execFileSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], {
    input: entries.map((e) => e.sha).join("\n") + "\n",
    maxBuffer: 4e9,
  });
  let at = 0;
  let missing = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(10, at);
    const header = batch.toString("utf8", at, headerEnd).split(" ");
    at = headerEnd + 1;
    if (header[1] === "missing") {
      missing++;
      continue;
    }
    const size = Number(header[2]);
    const target = path.join(dir, entry.file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, batch.subarray(at, at + size));
    at += size + 1;
  }
  return missing;
}

/** A label as the scanner names it: a cloud service's spelling folded into one name ("aws:bedrock-runtime" → "aws:bedrock"). */
function fold(label: string) {
  const [family, service] = label.toLowerCase().split(":");
  if (!service || !["aws", "gcp", "azure"].includes(family!)) return label.toLowerCase();
  return `${family}:${normalizeService(family as Cloud, service) ?? service}`;
}

/** The providers a scan counts as used, in the terms of version 2 labels. */
function scanned(result: ScanResult, truth: string[]) {
  const positive = result.providers
    .filter((p) => isPositive(p.verdict))
    .map((p) => {
      const provider = providerById(p.provider)!;
      return {
        domain: provider.domain,
        aliases: provider.aliases,
        cloud: provider.cloud,
        services: (p.services ?? []).filter((s) => isPositive(s.verdict)).map((s) => s.service),
      };
    });
  return labelsOf(positive, truth, fold);
}

/** The naive baseline: a provider "is used" if its name appears as a word anywhere in the code. */
const keywords = PROVIDERS.filter((p) => p.source === "curated").map((p) => ({
  id: p.id,
  domain: p.domain,
  word: new RegExp(
    `\\b${p.name
      .split(/[\s(]/)[0]!
      .toLowerCase()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`,
    "i",
  ),
}));
const SOURCE =
  /\.(js|jsx|ts|tsx|mjs|cjs|py|go|java|kt|rb|php|json|toml|txt|xml|gradle|lock|mod|yml|yaml|env|example|html|erb|vue)$|^(Gemfile|Pipfile)$/;
function grep(dir: string) {
  const hits = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === ".git") continue;
      const full = path.join(d, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(full);
      else if (SOURCE.test(name) && stat.size < 1_000_000) {
        const text = readFileSync(full, "utf8");
        for (const k of keywords)
          if (!hits.has(version2 ? k.domain : k.id) && k.word.test(text)) hits.add(version2 ? k.domain : k.id);
      }
    }
  };
  walk(dir);
  return [...hits];
}

const truth = repositories.map((r) => ({ ...r, uses: version2 ? r.uses.map(fold) : r.uses }));
const scanner: Predicted[] = [];
const baseline: Predicted[] = [];
let seconds = 0;
for (const label of truth) {
  const dir = checkout(label.repo, label.commit);
  const started = performance.now();
  const result = await scanFolder(dir, { kind: "folder", label: label.repo });
  seconds += (performance.now() - started) / 1000;
  scanner.push({
    repo: label.repo,
    uses: version2
      ? scanned(result, label.uses)
      : result.providers.filter((p) => isPositive(p.verdict)).map((p) => p.provider),
  });
  baseline.push({ repo: label.repo, uses: grep(dir) });
  process.stderr.write(`${label.repo}: ${scanner.at(-1)!.uses.join(", ") || "none"}\n`);
}

const pairs = truth.reduce((n, r) => n + r.uses.length, 0);
console.log(
  `${path.relative(root, file)}: ${truth.length} repositories, ${pairs} labels; scanned in ${seconds.toFixed(1)} s.\n`,
);
if (version2) {
  const levels = splitLevels(truth);
  const predicted = splitLevels(scanner);
  console.log(toMarkdown(score(levels.families, predicted.families), "Scanner, per family (provider or cloud)"));
  console.log("");
  console.log(toMarkdown(score(levels.services, predicted.services), "Scanner, per cloud service"));
  console.log("");
  const controls = (truth as (V2 & { uses: string[] })[]).filter((r) => r.kind === "control");
  const dirty = controls.filter((c) => scanner.find((s) => s.repo === c.repo)!.uses.length > 0);
  console.log(
    `Negative controls: ${controls.length - dirty.length} of ${controls.length} clean${dirty.length ? ` (not clean: ${dirty.map((d) => `${d.repo}: ${scanner.find((s) => s.repo === d.repo)!.uses.join(", ")}`).join("; ")})` : ""}.\n`,
  );
  const grepLevels = splitLevels(baseline);
  console.log(
    toMarkdown(
      score(levels.families, grepLevels.families),
      "Keyword grep, per family (a curated provider's name as a word anywhere in the code and manifests)",
    ).split("\n")[0],
  );
} else {
  const v1 = truth as V1[];
  console.log(toMarkdown(score(v1, scanner), "Scanner, all repositories"));
  console.log("");
  const held = v1.filter((r) => r.set === "held-out");
  console.log(
    toMarkdown(
      score(
        held,
        scanner.filter((p) => held.some((h) => h.repo === p.repo)),
      ),
      "Scanner, held-out repositories only",
    ).split("\n")[0],
  );
  console.log("");
  console.log(
    toMarkdown(
      score(v1, baseline),
      "Keyword grep (a provider's name as a word anywhere in the code and manifests)",
    ).split("\n")[0],
  );
}
