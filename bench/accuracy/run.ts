import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROVIDERS } from "../../app/scanner/providers";
import { scanFolder } from "../../app/scanner/scan";
import { isPositive } from "../../app/scanner/verdicts";
import { root } from "../../scripts/lib/processes";
import { score, toMarkdown, type Predicted } from "./score";

/**
 * The scanner's accuracy on labelled public repositories (bench/accuracy/labels.json),
 * at the level of (repository, provider), next to a keyword grep over the same files.
 * Needs the repositories at their pinned commits: cloned from GitHub (default), or taken
 * from local bare mirrors. Not part of `npm test` (no network in CI).
 *
 *   npx tsx bench/accuracy/run.ts                        # clones into .cache/scan-accuracy
 *   npx tsx bench/accuracy/run.ts --mirrors /work/.mirror  # bare mirrors named owner+name/repo
 */
const { values } = parseArgs({
  options: { mirrors: { type: "string" }, cache: { type: "string", default: path.join(root, ".cache/scan-accuracy") } },
});
const labels = JSON.parse(readFileSync(path.join(root, "bench/accuracy/labels.json"), "utf8")) as {
  repositories: { repo: string; commit: string; uses: string[]; set: "development" | "held-out" }[];
};

function checkout(repo: string, commit: string) {
  const dir = path.join(values.cache!, `${repo.replace("/", "+")}@${commit.slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  if (values.mirrors) {
    const gitDir = path.join(values.mirrors, repo.replace("/", "+"), "repo");
    const archive = execFileSync("git", ["--git-dir", gitDir, "archive", commit], { maxBuffer: 2e9 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  } else {
    execFileSync("git", ["init", "--quiet", dir]);
    execFileSync("git", ["-C", dir, "fetch", "--quiet", "--depth", "1", `https://github.com/${repo}`, commit]);
    execFileSync("git", ["-C", dir, "checkout", "--quiet", "FETCH_HEAD"]);
  }
  return dir;
}

/** The naive baseline: a provider "is used" if its name appears as a word anywhere in the code. */
const keywords = PROVIDERS.map((p) => ({
  id: p.id,
  word: new RegExp(
    `\\b${p.name
      .split(/[\s(]/)[0]!
      .toLowerCase()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`,
    "i",
  ),
}));
const SOURCE =
  /\.(js|jsx|ts|tsx|mjs|cjs|py|go|java|kt|rb|php|json|toml|txt|xml|gradle|lock|mod|yml|yaml|env|example)$|^(Gemfile|Pipfile)$/;
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
        for (const k of keywords) if (!hits.has(k.id) && k.word.test(text)) hits.add(k.id);
      }
    }
  };
  walk(dir);
  return [...hits];
}

const scanner: Predicted[] = [];
const baseline: Predicted[] = [];
let seconds = 0;
for (const { repo, commit } of labels.repositories) {
  const dir = checkout(repo, commit);
  const started = performance.now();
  const result = await scanFolder(dir, { kind: "folder", label: repo });
  seconds += (performance.now() - started) / 1000;
  scanner.push({ repo, uses: result.providers.filter((p) => isPositive(p.verdict)).map((p) => p.provider) });
  baseline.push({ repo, uses: grep(dir) });
  process.stderr.write(`${repo}: ${scanner.at(-1)!.uses.join(", ") || "none"}\n`);
}

const pairs = (rs: typeof labels.repositories) => rs.reduce((n, r) => n + r.uses.length, 0);
const held = labels.repositories.filter((r) => r.set === "held-out");
const dev = labels.repositories.filter((r) => r.set === "development");
console.log(
  `${labels.repositories.length} repositories (${dev.length} development, ${held.length} held-out), ${pairs(labels.repositories)} labelled (repository, provider) pairs; scanned in ${seconds.toFixed(1)} s.\n`,
);
console.log(toMarkdown(score(labels.repositories, scanner), "Scanner, all repositories"));
console.log("");
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
    score(labels.repositories, baseline),
    "Keyword grep (a provider's name as a word anywhere in the code and manifests)",
  ).split("\n")[0],
);
