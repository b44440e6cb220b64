import "dotenv/config"; // with a config file, the Prisma CLI no longer loads .env itself
import { defineConfig } from "prisma/config";
import { PrismaPgMigrate } from "./app/db/pg-adapter";

// Prisma 6.19's Wasm schema engine leaves timers armed when it is done (10 s after
// migrate deploy/reset, 60 s after migrate dev/db push), keeping the CLI process
// alive. This file is loaded only by the Prisma CLI: let long timers not hold it open.
const armTimer = globalThis.setTimeout;
globalThis.setTimeout = Object.assign((...args: Parameters<typeof setTimeout>) => {
  const timer = armTimer(...args);
  if ((args[1] ?? 0) >= 10_000) timer.unref();
  return timer;
}, armTimer) as typeof setTimeout; // Object.assign keeps util.promisify(setTimeout) working

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (put it in .env or the environment)`);
  return value;
}

export default defineConfig({
  // Use the Wasm schema engine bundled in the prisma package, talking to
  // PostgreSQL through a driver adapter: nothing is downloaded from binaries.prisma.sh.
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPgMigrate(requireEnv("DATABASE_URL")),
  schema: "prisma/schema", // one file per capability; schema.prisma holds the generator and datasource
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
});
