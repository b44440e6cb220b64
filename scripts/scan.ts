import { parseArgs } from "node:util";
import { toSarif } from "../app/scanner/report/sarif";
import { toTable } from "../app/scanner/report/table";
import { runScan, type ScanInput } from "../app/scanner/run";
import { GithubError } from "../app/scanner/sources/github";
import { ArchiveError } from "../app/scanner/sources/archive";

/**
 * `npm run scan -- <folder | archive.tar.gz | archive.zip | github:owner/repo[@ref]> [--json | --sarif] [--all]`
 * Finds the third-party APIs a codebase calls and prints a table (or JSON, or SARIF for
 * code-scanning tools). GitHub needs GITHUB_TOKEN (and GITHUB_API_URL for Enterprise).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    sarif: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const target = positionals[0];
if (values.help || !target) {
  console.log("Usage: npm run scan -- <folder | archive.tar.gz | archive.zip | github:owner/repo[@ref]> [--json | --sarif] [--all]");
  process.exit(target || values.help ? 0 : 2);
}

function inputFor(spec: string): ScanInput {
  const github = /^github:([\w.-]+)\/([\w.-]+)(?:@(.+))?$/.exec(spec);
  if (github) {
    const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
    if (!token) throw new Error("Set GITHUB_TOKEN to scan a GitHub repository.");
    return { kind: "github", owner: github[1]!, repo: github[2]!, ref: github[3], token, baseUrl: process.env.GITHUB_API_URL ?? "https://api.github.com" };
  }
  if (/\.(tar\.gz|tgz|tar|zip)$/i.test(spec)) return { kind: "archive", file: spec };
  return { kind: "folder", path: spec };
}

try {
  const progress = process.stderr.isTTY && !values.json && !values.sarif;
  const result = await runScan(inputFor(target), {
    onProgress: progress ? (p) => process.stderr.write(`\r${p.phase} ${p.filesDone}/${p.filesTotal} files`) : undefined,
    onRateLimitWait: (seconds) => process.stderr.write(`\nGitHub's rate limit is used up: waiting ${seconds} s for the reset…\n`),
  });
  if (progress) process.stderr.write("\r\x1b[K");
  if (values.sarif) console.log(JSON.stringify(toSarif(result), null, 2));
  else if (values.json) console.log(JSON.stringify(result, null, 2));
  else console.log(toTable(result, { all: values.all }));
} catch (error) {
  const known = error instanceof GithubError || error instanceof ArchiveError;
  console.error(known ? (error as Error).message : `Scan failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
