import { describe, expect, it, vi } from "vitest";

/** DATABASE_POOL_SIZE bounds the connections one app process opens to PostgreSQL. */
describe("the database pool", () => {
  it("opens at most DATABASE_POOL_SIZE connections, however many queries run at once", async () => {
    vi.resetModules();
    process.env.DATABASE_POOL_SIZE = "2";
    const { createPrismaClient } = await import("~/db/client.server");
    const client = createPrismaClient();
    try {
      const rows = await Promise.all(
        Array.from(
          { length: 6 },
          () => client.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)::text AS slept`,
        ),
      );
      const pids = new Set(rows.map(([row]) => row!.pid));
      expect(pids.size).toBeGreaterThanOrEqual(1);
      expect(pids.size).toBeLessThanOrEqual(2);
    } finally {
      await client.$disconnect();
      delete process.env.DATABASE_POOL_SIZE;
    }
  });

  it("refuses a pool size that is not a positive whole number, saying which setting is wrong", async () => {
    vi.resetModules();
    process.env.DATABASE_POOL_SIZE = "lots";
    try {
      const { env } = await import("~/config/env.server");
      expect(() => env()).toThrow(/DATABASE_POOL_SIZE/);
    } finally {
      delete process.env.DATABASE_POOL_SIZE;
      vi.resetModules();
    }
  });
});
