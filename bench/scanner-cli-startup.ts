import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { root } from "../scripts/lib/processes";
import { summarize } from "./lib/stats";

/**
 * The scanner's command-line start-up: wall-clock time of `npm run scan`'s launcher
 * (scripts/scan.mjs, the bundled CLI) scanning a one-file folder, so the figure is start-up
 * and not scanning, next to bare `node -e 0` and to the same scan through tsx (TypeScript
 * compiled at start-up, as before the bundle), in wall-clock and CPU time. Rounds alternate
 * so all see the same load.
 * The bundle is built once before the rounds (as after the first run on a machine).
 *
 *   npx tsx bench/scanner-cli-startup.ts --rounds 15
 */
const { values } = parseArgs({ options: { rounds: { type: "string", default: "15" } } });
const rounds = Number(values.rounds);

const folder = mkdtempSync(path.join(os.tmpdir(), "cli-startup-"));
writeFileSync(path.join(folder, "pay.js"), `import Stripe from "stripe";\nconst stripe = new Stripe(key);\n`);

/** Wall-clock time, and CPU time (user + system, from /usr/bin/time), which a loaded machine inflates far less. */
const timed = (args: string[]) => {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%U %S", process.execPath, ...args], { cwd: root, encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed: ${run.stderr}`);
  const [user, system] = run.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, out: run.stdout };
};
const runs = {
  "bundled CLI (node scripts/scan.mjs <folder>)": () => timed(["scripts/scan.mjs", folder]),
  "bare node -e 0": () => timed(["-e", "0"]),
  "through tsx (node --import tsx scripts/scan.ts <folder>)": () =>
    timed(["--import", "tsx", "scripts/scan.ts", folder]),
};

const first = runs["bundled CLI (node scripts/scan.mjs <folder>)"]();
if (!/stripe/i.test(first.out)) throw new Error(`The CLI did not find Stripe in its one file:\n${first.out}`);
const samples = new Map<string, { ms: number[]; cpu: number[] }>(
  Object.keys(runs).map((k) => [k, { ms: [], cpu: [] }]),
);
for (let r = 0; r < rounds; r++)
  for (const [name, run] of Object.entries(runs)) {
    const { ms, cpuMs } = run();
    samples.get(name)!.ms.push(ms);
    samples.get(name)!.cpu.push(cpuMs);
  }
rmSync(folder, { recursive: true, force: true });

console.log(
  `${rounds} rounds, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
for (const [name, { ms, cpu }] of samples)
  console.log(`${name}\n  wall clock ${summarize(ms).text}\n  CPU time   ${summarize(cpu).text}`);
