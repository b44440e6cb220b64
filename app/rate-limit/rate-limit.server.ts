import { prisma } from "~/db/client.server";
import { daysBefore } from "~/time/days";

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across every app server and
 * across restarts. One atomic upsert per attempt: concurrent attempts serialise on the
 * row lock, so exactly `limit` of them are admitted in a window.
 */
export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; resetAt: Date };

export async function consumeRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(row?.count ?? 1);
  return {
    allowed: count <= rule.limit,
    remaining: Math.max(0, rule.limit - count),
    resetAt: new Date(windowStart.getTime() + windowMs),
  };
}

/** Checks several keys (e.g. per account and per client address); refused if any is exhausted. */
export async function consumeRateLimits(entries: [key: string, rule: RateLimitRule][], now = new Date()) {
  const results = await Promise.all(entries.map(([key, rule]) => consumeRateLimit(key, rule, now)));
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return { allowed: true as const };
  const resetAt = new Date(Math.max(...refused.map((r) => r.resetAt.getTime())));
  return { allowed: false as const, resetAt };
}

/**
 * Gives back attempts that turned out to be legitimate (a successful log-in), so only
 * failures count toward a lock-out. Each attempt is counted first and refunded after, so
 * concurrent guesses are still limited exactly: a refund never lowers a count below zero,
 * and it applies to the window the attempt was counted in.
 */
export async function refundRateLimits(entries: [key: string, rule: RateLimitRule][], countedAt: Date) {
  await Promise.all(
    entries.map(([key, rule]) => {
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = new Date(Math.floor(countedAt.getTime() / windowMs) * windowMs);
      return prisma.$executeRaw`
        UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0)
        WHERE "key" = ${key} AND "windowStart" = ${windowStart}`;
    }),
  );
}

/** Old windows are useless once over: a daily job removes them (prune-job.server.ts). Returns how many. */
export async function pruneRateLimitBuckets(olderThan = daysBefore(new Date(), 2)) {
  const { count } = await prisma.rateLimitBucket.deleteMany({ where: { windowStart: { lt: olderThan } } });
  return count;
}

// The client's address now lives with the other request helpers; rate-limit keys use it.
export { clientAddress } from "~/http/client-address";
