import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { startLiveblocksDevServer, LOCAL_SECRET_KEY, type LiveblocksDevServer } from "./lib/liveblocks-dev";
import { bin, freePort, root, run, waitForHttp } from "./lib/processes";
import { startTestPostgres } from "./lib/test-db.mjs";

/**
 * `npm test`: every test, against real services this script starts and stops itself.
 *   1. types (tsc) and unit tests (vitest, no services)
 *   2. a throwaway PostgreSQL (embedded, temp dir, free port) migrated into a template
 *      database, and the real Liveblocks dev server on a free port
 *   3. the production build, integration tests (a database per test file from the template)
 *   4. the built app on a free port with demo data, and end-to-end tests in Chromium
 * `npm test -- unit|integration|e2e` runs one stage (with what it needs).
 */
const only = process.argv[2] as "unit" | "integration" | "e2e" | undefined;
const TEMPLATE = "app_template";
const cleanups: (() => Promise<void>)[] = [];
const started = performance.now();
const step = (message: string) => console.log(`\n▶ [test ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`);

async function main() {
  if (!only || only === "unit") {
    step("Type check");
    await run(bin("tsc"), ["--noEmit"]);
    step("Unit tests");
    await run(bin("vitest"), ["run", "--project", "unit"]);
    if (only) return;
  }

  step("Starting PostgreSQL and the Liveblocks dev server");
  const [db, sync] = await Promise.all([startTestPostgres(), startSyncServer()]);
  cleanups.push(db.stop, sync.stop);
  const templateUrl = await createDatabase(db.url, TEMPLATE);
  await run(bin("prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: templateUrl }, stdio: ["ignore", "ignore", "inherit"] });

  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    TEST_PG_URL: db.url,
    TEST_TEMPLATE_DB: TEMPLATE,
    LIVEBLOCKS_SECRET_KEY: LOCAL_SECRET_KEY,
    LIVEBLOCKS_BASE_URL: sync.baseUrl,
    SESSION_SECRET: "test-session-secret-0123456789",
    API_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  };

  step("Building the app");
  await run(bin("remix"), ["vite:build"], { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });

  if (!only || only === "integration") {
    step("Integration tests");
    await run(bin("vitest"), ["run", "--project", "integration"], { env: shared });
  }

  if (!only || only === "e2e") {
    step("End-to-end tests: starting the app with demo data");
    const e2eUrl = await createDatabase(db.url, "app_e2e", TEMPLATE);
    const env = { ...shared, DATABASE_URL: e2eUrl };
    await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: { ...env, NODE_ENV: "test" } });
    const port = await freePort();
    const app = spawnApp({ ...env, PORT: String(port), SHOW_DEMO_CREDENTIALS: "true" });
    cleanups.push(() => stopProcess(app));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/healthz`);
    step("End-to-end tests");
    await run(bin("playwright"), ["test"], { env: { ...env, E2E_BASE_URL: baseUrl } });
  }
}

async function startSyncServer(): Promise<LiveblocksDevServer> {
  return startLiveblocksDevServer({ port: await freePort(), persist: false });
}

/** A database named `name`, empty or copied from `template`; returns its URL. */
async function createDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

function spawnApp(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server/run.ts"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  child.once("exit", (code) => {
    if (code !== null && code !== 0) console.error(`The app server exited with ${code}`);
  });
  return child;
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

let exitCode = 0;
try {
  await main();
  step("All tests passed");
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
process.exit(exitCode);
