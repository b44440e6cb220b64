import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, root, run } from "../scripts/lib/processes";

/**
 * `npm start` on a fresh clone (after `npm ci`): time to the first page served, then a
 * warm restart (data and build kept), then a restart after `kill -9`. Runs in a temporary
 * clone so your own .data/ and build/ are untouched; node_modules is hard-linked in,
 * as `npm ci` would have left it.
 *
 *   npx tsx bench/startup.ts
 */
const clone = fs.mkdtempSync(path.join(os.tmpdir(), "startup-bench-"));
fs.chmodSync(clone, 0o755); // embedded PostgreSQL runs as user postgres and must reach .data/
await run("git", ["clone", "--quiet", root, clone]);
await run("cp", ["-al", path.join(root, "node_modules"), path.join(clone, "node_modules")]);
await run("cp", ["-r", path.join(root, "app/generated"), path.join(clone, "app/generated")]); // what npm ci's postinstall makes

const ports = {
  PORT: String(await freePort()),
  EMBEDDED_PG_PORT: String(await freePort()),
  LIVEBLOCKS_DEV_PORT: String(await freePort()),
};

async function timeToFirstPage(label: string, kill: "SIGTERM" | "SIGKILL") {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: clone,
    env: { ...process.env, ...ports, DATABASE_URL: "", LIVEBLOCKS_SECRET_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${ports.PORT}/login`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: first page after ${seconds.toFixed(1)} s`);
  if (kill === "SIGKILL") {
    // kill -9 of node alone (npm's child): PostgreSQL and Bun are left running, orphaned,
    // as after a crash; the next start must clean them up.
    const node = execFileSync("pgrep", ["-P", String(child.pid)])
      .toString()
      .trim()
      .split("\n")[0]!;
    process.kill(Number(node), "SIGKILL");
    await new Promise((r) => child.once("exit", r));
  } else {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await new Promise((r) => setTimeout(r, 500));
  return seconds;
}

try {
  const cold = await timeToFirstPage("Fresh clone (init database, migrate, seed, build)", "SIGTERM");
  const warm = await timeToFirstPage("Warm restart", "SIGKILL");
  const afterKill = await timeToFirstPage("Restart after kill -9", "SIGTERM");
  console.log(`\nfresh ${cold.toFixed(1)} s, warm ${warm.toFixed(1)} s, after kill -9 ${afterKill.toFixed(1)} s`);
} finally {
  fs.rmSync(clone, { recursive: true, force: true });
}
