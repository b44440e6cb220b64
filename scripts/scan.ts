import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { callSitesOf, estimateProviderCost, type CatalogApi } from "../app/scans/cost";
import { recommend } from "../app/scans/recommendations";
import { providerById } from "../app/scanner/providers";
import { isPositive } from "../app/scanner/verdicts";
import type { ScanResult } from "../app/scanner/types";
import { toSarif } from "../app/scanner/report/sarif";
import { toTable } from "../app/scanner/report/table";
import { runScan, type ScanInput } from "../app/scanner/run";

/**
 * `npm run scan -- <folder | archive.tar.gz | archive.zip | github:owner/repo[@ref]> [--json | --sarif] [--all] [--usage usage.json]`
 * Finds the third-party APIs a codebase calls and prints a table (or JSON, or SARIF for
 * code-scanning tools). GitHub needs GITHUB_TOKEN (and GITHUB_API_URL for Enterprise).
 * --usage prices what the code calls from a usage file (monthly calls per operation) on the
 * marketplace catalog's plans (the copy shipped with the app), with recommendations.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    sarif: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
    usage: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const target = positionals[0];
if (values.help || !target) {
  console.log(
    "Usage: npm run scan -- <folder | archive.tar.gz | archive.zip | github:owner/repo[@ref]> [--json | --sarif] [--all] [--usage usage.json]",
  );
  process.exit(target || values.help ? 0 : 2);
}

function inputFor(spec: string): ScanInput {
  const github = /^github:([\w.-]+)\/([\w.-]+)(?:@(.+))?$/.exec(spec);
  if (github) {
    const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
    if (!token) throw new Error("Set GITHUB_TOKEN to scan a GitHub repository.");
    return {
      kind: "github",
      owner: github[1]!,
      repo: github[2]!,
      ref: github[3],
      token,
      baseUrl: process.env.GITHUB_API_URL ?? "https://api.github.com",
    };
  }
  if (/\.(tar\.gz|tgz|tar|zip)$/i.test(spec)) return { kind: "archive", file: spec };
  return { kind: "folder", path: spec };
}

try {
  const progress = process.stderr.isTTY && !values.json && !values.sarif;
  const result = await runScan(inputFor(target), {
    onProgress: progress ? (p) => process.stderr.write(`\r${p.phase} ${p.filesDone}/${p.filesTotal} files`) : undefined,
    onRateLimitWait: (seconds) =>
      process.stderr.write(`\nGitHub's rate limit is used up: waiting ${seconds} s for the reset…\n`),
  });
  if (progress) process.stderr.write("\r\x1b[K");
  const cost = values.usage ? await priceWithUsageFile(result, values.usage) : null;
  if (values.sarif) console.log(JSON.stringify(toSarif(result), null, 2));
  else if (values.json) console.log(JSON.stringify(cost ? { ...result, cost } : result, null, 2));
  else {
    console.log(toTable(result, { all: values.all }));
    if (cost) printCost(cost);
  }
} catch (error) {
  // The modules that throw these are loaded only for archives and GitHub (start-up is paid on every run).
  const { GithubError } = await import("../app/scanner/sources/github");
  const { ArchiveError } = await import("../app/scanner/sources/archive");
  const known = error instanceof GithubError || error instanceof ArchiveError;
  console.error(
    known ? (error as Error).message : `Scan failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

async function priceWithUsageFile(result: ScanResult, file: string) {
  const { CATALOG } = await import("../prisma/demo/catalog");
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new Error(`Could not read ${file} as JSON.`);
  }
  const { parseUsageFile } = await import("../app/scans/usage-file");
  const usage = parseUsageFile(json);
  if (!usage.ok) throw new Error(usage.message);
  const catalog = new Map<string, CatalogApi>(
    CATALOG.map((api) => [
      api.slug,
      {
        slug: api.slug,
        name: api.name,
        category: api.category,
        plans: api.plans.map((p) => ({
          id: p.name,
          name: p.name,
          monthlyFee: p.monthlyFee,
          unitPrices: p.unitPrices.map((u) => ({
            unit: u.unit,
            operation: u.operation ?? null,
            pricePerUnit: u.pricePerUnit,
            includedUnits: u.includedUnits ?? 0,
          })),
        })),
      },
    ]),
  );
  const costs = result.providers
    .filter((v) => isPositive(v.verdict))
    .map((v) => {
      const slug = providerById(v.provider)?.catalogSlug;
      return estimateProviderCost({
        provider: v.provider,
        name: v.name,
        catalog: slug ? (catalog.get(slug) ?? null) : null,
        usage: [],
        volumes: usage.volumes,
        calledOperations: v.operations.map((o) => o.id),
        callSites: callSitesOf(result.findings, v.provider),
        volumesFrom: `the usage file ${file}`,
      });
    });
  return {
    costs,
    recommendations: recommend({ verdicts: result.providers, findings: result.findings, costs, catalog, orgKeys: [] }),
  };
}

function printCost(cost: Awaited<ReturnType<typeof priceWithUsageFile>>) {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  console.log("\nEstimated monthly cost (marketplace catalog prices):");
  for (const c of cost.costs) {
    console.log(
      `  ${c.name.padEnd(32)} ${c.monthlyEstimate === null ? "not estimated" : usd(c.monthlyEstimate)}${c.plan ? `  (${c.plan.name})` : ""}`,
    );
    for (const a of c.assumptions) console.log(`      ${a}`);
    if (c.missingVolumes.length) console.log(`      No volume in the usage file for: ${c.missingVolumes.join(", ")}`);
  }
  if (cost.recommendations.length) {
    console.log("\nRecommendations:");
    for (const r of cost.recommendations) {
      console.log(`  ${r.title}${r.monthlySaving > 0 ? ` (saves ~${usd(r.monthlySaving)}/month)` : ""}`);
      for (const c of r.citations.slice(0, 2)) console.log(`      ${c.file}:${c.line}`);
    }
  }
}
