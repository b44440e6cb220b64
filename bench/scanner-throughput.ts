import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROVIDERS } from "../app/scanner/providers";
import { listFolder } from "../app/scanner/sources/folder";
import { root } from "../scripts/lib/processes";

/**
 * Scanner throughput on a large real repository per language, against ripgrep (from apt)
 * searching the scanner's pattern set (every package, import, host, variable, header,
 * constant and browser script of the catalog, as fixed strings) over exactly the files the
 * scanner reads. Rounds alternate the two tools so both see the same machine load; the ratio
 * of their medians is the figure. One tree of at least 2,000 files per language.
 *
 *   apt-get install -y ripgrep
 *   npx tsx bench/scanner-throughput.ts                           # JavaScript: clones babel/babel
 *   npx tsx bench/scanner-throughput.ts --language python --mirrors /work/.mirror   # from a local bare mirror
 *   npx tsx bench/scanner-throughput.ts --language all --mirrors /work/.mirror --rounds 5
 *   npx tsx bench/scanner-throughput.ts --dir /some/checkout --rounds 7
 *   npx tsx bench/scanner-throughput.ts --baseline /path/to/other/checkout   # and another version of the scanner, same rounds
 */
const TREES: Record<string, { repo: string; commit: string }> = {
  js: { repo: "babel/babel", commit: "1da3cfa1a25503c7ecba7304f8738933e6d16dca" },
  python: { repo: "saleor/saleor", commit: "723cd4eba87dfc72822ade45dc08a3caa548428d" },
  go: { repo: "hashicorp/terraform", commit: "883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7" },
  ruby: { repo: "rails/rails", commit: "2a2db1e8d6d104ee0611efcae7eb023af65cff34" },
  java: { repo: "spring-projects/spring-framework", commit: "91eb42645e26a7ef9382b4a655bcefe5c8682fee" },
  php: { repo: "symfony/symfony", commit: "5feb7493c372384d78b4931bb76f73c83f49f50e" },
};
const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    mirrors: { type: "string" },
    rounds: { type: "string", default: "5" },
    baseline: { type: "string" },
    language: { type: "string", default: "js" },
  },
});
if (values.language === "all") {
  // One process per language, one after the other, so each starts from the same state.
  for (const language of Object.keys(TREES)) {
    const args = process.argv.slice(2).filter((a, i, all) => a !== "--language" && all[i - 1] !== "--language");
    execFileSync(
      process.execPath,
      ["--import", "tsx", new URL(import.meta.url).pathname, ...args, "--language", language],
      {
        stdio: "inherit",
      },
    );
  }
  process.exit(0);
}
const tree = TREES[values.language!];
if (!tree && !values.dir) throw new Error(`--language is one of ${Object.keys(TREES).join(", ")}, or all`);
const REPO = tree?.repo ?? path.basename(values.dir!);
const COMMIT = tree?.commit ?? "checkout";

function checkout() {
  if (values.dir) return values.dir;
  const dir = path.join(root, ".cache/bench", `${REPO.replace("/", "+")}@${COMMIT.slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  if (values.mirrors) {
    const archive = execFileSync(
      "git",
      ["--git-dir", path.join(values.mirrors, REPO.replace("/", "+"), "repo"), "archive", COMMIT],
      { maxBuffer: 2e9 },
    );
    execFileSync("tar", ["-x", "-C", dir], { input: archive, maxBuffer: 2e9 });
  } else {
    execFileSync("git", ["init", "--quiet", dir]);
    execFileSync("git", ["-C", dir, "fetch", "--quiet", "--depth", "1", `https://github.com/${REPO}`, COMMIT]);
    execFileSync("git", ["-C", dir, "checkout", "--quiet", "FETCH_HEAD"]);
  }
  return dir;
}

const dir = checkout();
const work = path.join(os.tmpdir(), `scan-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

// The same files: the scanner's own listing (after .gitignore and skipped folders), hard-linked
// into a tree of their own that both tools then read whole.
const listing = await listFolder(dir);
const linked = path.join(work, "tree");
for (const f of listing.files) {
  mkdirSync(path.dirname(path.join(linked, f.path)), { recursive: true });
  linkSync(path.join(dir, f.path), path.join(linked, f.path));
}
const patterns = new Set<string>();
for (const p of PROVIDERS) {
  for (const names of [...Object.values(p.packages), ...Object.values(p.imports)])
    for (const n of names ?? []) patterns.add(n.replace(/\*$/, ""));
  for (const h of [...p.hosts, ...(p.browser.scripts ?? [])]) patterns.add(h.replace(/^\*\./, ""));
  for (const v of [...p.envVars, ...p.headers, ...p.constants]) patterns.add(v);
}
const patternFile = path.join(work, "patterns");
writeFileSync(patternFile, [...patterns].filter((s) => s.length >= 3).join("\n"));

function runRipgrep(threads?: number) {
  const started = performance.now();
  const args = [
    "-f",
    "%M",
    "rg",
    "--no-config",
    "-c",
    "-F",
    "-f",
    patternFile,
    "--no-messages",
    "--no-ignore",
    "--hidden",
    ...(threads ? ["-j", String(threads)] : []),
    linked,
  ];
  const out = spawnSync("/usr/bin/time", args, { encoding: "utf8", maxBuffer: 1e9 });
  // rg -c exits 1 when nothing matches; anything else (127: not installed) means no search happened.
  if (out.status !== 0 && out.status !== 1)
    throw new Error(
      `ripgrep did not run (exit ${out.status}): ${out.stderr.trim().split("\n")[0]}. apt-get install -y ripgrep`,
    );
  const ms = performance.now() - started;
  const maxRssKb = Number(out.stderr.trim().split("\n").at(-1));
  return { ms, matchedFiles: out.stdout.split("\n").filter(Boolean).length, maxRssKb };
}

function runScanner(from = root) {
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(from, "bench/lib/scan-once.ts"), linked], {
    encoding: "utf8",
    cwd: from,
    maxBuffer: 1e8,
  });
  const wallMs = performance.now() - started;
  return {
    ...(JSON.parse(out) as { ms: number; files: number; bytes: number; maxRssKb: number; providers: string[] }),
    wallMs,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rounds = Number(values.rounds);
const rg: ReturnType<typeof runRipgrep>[] = [];
const rg1: ReturnType<typeof runRipgrep>[] = [];
const scan: ReturnType<typeof runScanner>[] = [];
const base: ReturnType<typeof runScanner>[] = [];
runRipgrep(); // warm the page cache for both
for (let i = 0; i < rounds; i++) {
  scan.push(runScanner());
  rg.push(runRipgrep());
  rg1.push(runRipgrep(1));
  if (values.baseline) base.push(runScanner(values.baseline));
  process.stderr.write(
    `round ${i + 1}: scanner ${scan.at(-1)!.ms.toFixed(0)} ms (process ${scan.at(-1)!.wallMs.toFixed(0)} ms), ripgrep ${rg.at(-1)!.ms.toFixed(0)} ms, ripgrep -j1 ${rg1.at(-1)!.ms.toFixed(0)} ms${values.baseline ? `, baseline scanner ${base.at(-1)!.ms.toFixed(0)} ms` : ""}\n`,
  );
}
const rg1Ms = median(rg1.map((r) => r.ms));

const files = listing.files.length;
const bytes = scan[0]!.bytes;
const scanMs = median(scan.map((s) => s.ms));
const scanWallMs = median(scan.map((s) => s.wallMs));
const rgMs = median(rg.map((r) => r.ms));
const rate = (ms: number) =>
  `${Math.round(files / (ms / 1000)).toLocaleString("en")} files/s, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
console.log(
  `${values.language}: ${REPO} @ ${COMMIT.slice(0, 12)}: ${(listing.files.length + listing.ignored + listing.otherFiles).toLocaleString("en")} files in the tree, ${files.toLocaleString("en")} read by both (${(bytes / 1e6).toFixed(1)} MB of text), ${patterns.size} patterns`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.availableParallelism()} cores; ${rounds} alternating rounds, medians:`,
);
console.log(
  `  scanner  ${scanMs.toFixed(0)} ms  ${rate(scanMs)}  (whole process with Node start-up: ${scanWallMs.toFixed(0)} ms, ${rate(scanWallMs)})  peak RSS ${Math.round(median(scan.map((s) => s.maxRssKb)) / 1024)} MB`,
);
console.log(
  `  ripgrep  ${rgMs.toFixed(0)} ms  ${rate(rgMs)}  peak RSS ${Math.round(median(rg.map((r) => r.maxRssKb)) / 1024)} MB  (${rg[0]!.matchedFiles} files with a match)`,
);
console.log(`  ripgrep -j1 ${rg1Ms.toFixed(0)} ms  ${rate(rg1Ms)}  (one search thread, as the scanner has)`);
console.log(
  `  scanner / ripgrep throughput: ${(rgMs / scanMs).toFixed(2)} (whole process: ${(rgMs / scanWallMs).toFixed(2)}); per round: ${scan.map((s, i) => (rg[i]!.ms / s.ms).toFixed(2)).join(" ")}`,
);
console.log(`  scanner / ripgrep -j1 throughput: ${(rg1Ms / scanMs).toFixed(2)}`);
if (values.baseline) {
  const baseMs = median(base.map((b) => b.ms));
  console.log(
    `  baseline scanner (${values.baseline}) ${baseMs.toFixed(0)} ms  ${rate(baseMs)}  peak RSS ${Math.round(median(base.map((b) => b.maxRssKb)) / 1024)} MB; baseline / ripgrep ${(rgMs / baseMs).toFixed(2)}, baseline / ripgrep -j1 ${(rg1Ms / baseMs).toFixed(2)}; this scanner is ${(baseMs / scanMs).toFixed(2)}× as fast`,
  );
}
console.log(
  `  providers found: ${scan[0]!.providers.join(", ") || "none"}; the scanner read ${scan[0]!.files.toLocaleString("en")} of the ${files.toLocaleString("en")} files (the rest it set aside after reading: binary, minified)`,
);
rmSync(work, { recursive: true, force: true });
