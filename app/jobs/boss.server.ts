import PgBoss from "pg-boss";
import { env } from "~/config/env.server";

/**
 * The process's one pg-boss instance, started on first use. Kept on globalThis: the app
 * server loads job modules both from the Remix build (routes that enqueue) and from source
 * (the workers), and both must share one connection pool and one set of workers.
 */
const globalForBoss = globalThis as unknown as { pgBoss?: Promise<PgBoss> };

export function boss(): Promise<PgBoss> {
  globalForBoss.pgBoss ??= (async () => {
    const instance = new PgBoss({
      connectionString: env().DATABASE_URL,
      application_name: "apimarketplace-jobs",
      max: 4,
      // Completed jobs leave pg-boss quickly: their outcome lives in BackgroundJob rows.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    instance.on("error", (error) => console.error(`[jobs] ${error.message}`));
    await instance.start();
    return instance;
  })().catch((error: unknown) => {
    globalForBoss.pgBoss = undefined;
    throw error;
  });
  return globalForBoss.pgBoss;
}

export async function stopBoss() {
  const pending = globalForBoss.pgBoss;
  globalForBoss.pgBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000, wait: true });
}
