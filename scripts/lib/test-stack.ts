import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { LOCAL_SECRET_KEY, startLiveblocksDevServer } from "./liveblocks-dev";
import { bin, freePort, root, run, waitForHttp } from "./processes";
import { startTestPostgres } from "./test-db.mjs";

/**
 * The real services tests and benchmarks run against, started and stopped by them:
 * a throwaway PostgreSQL with a migrated template database, the Liveblocks dev server,
 * and (on demand) the built app with demo data.
 */
export const TEMPLATE_DB = "app_template";

export type Services = Awaited<ReturnType<typeof startServices>>;

export async function startServices() {
  const [db, sync] = await Promise.all([
    startTestPostgres(),
    freePort().then((port) => startLiveblocksDevServer({ port, persist: false })),
  ]);
  const templateUrl = await createDatabase(db.url, TEMPLATE_DB);
  await run(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: templateUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    TEST_PG_URL: db.url,
    TEST_TEMPLATE_DB: TEMPLATE_DB,
    LIVEBLOCKS_SECRET_KEY: LOCAL_SECRET_KEY,
    LIVEBLOCKS_BASE_URL: sync.baseUrl,
    SESSION_SECRET: "test-session-secret-0123456789",
    API_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  };
  return {
    adminUrl: db.url as string,
    env,
    stop: async () => {
      await sync.stop();
      await db.stop();
    },
  };
}

export function buildApp() {
  return run(bin("remix"), ["vite:build"], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The built app on a free port, on a fresh copy of the template with demo data. */
export async function startSeededApp(
  services: Services,
  databaseName: string,
  extraEnv: Record<string, string | undefined> = {},
) {
  const databaseUrl = await createDatabase(services.adminUrl, databaseName, TEMPLATE_DB);
  const env = { ...services.env, DATABASE_URL: databaseUrl, SHOW_DEMO_CREDENTIALS: "true", ...extraEnv };
  // The end-to-end tests log in as the demo people with their published passwords.
  await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
    env: { ...env, NODE_ENV: "test", DEMO_PASSWORDS: "published" },
  });
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/run.ts"], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.once("exit", (code) => {
    if (code) console.error(`The app server exited with ${code}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/healthz`);
  return { baseUrl, env, pid: child.pid, stop: () => stopProcess(child) };
}

/** A database named `name`, empty or copied from `template`; returns its URL. */
export async function createDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}
