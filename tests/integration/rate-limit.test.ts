import { describe, expect, it } from "vitest";
import { BACKGROUND_JOBS } from "~/background-jobs.server";
import { prisma } from "~/db/client.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";

describe("rate limits in PostgreSQL", () => {
  it("admits exactly the limit under concurrency", async () => {
    const rule = { limit: 7, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 60 }, () => consumeRateLimit("race:key", rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(results.filter((r) => !r.allowed).every((r) => r.remaining === 0)).toBe(true);
  });

  it("starts a new window after the old one ends, and keys are independent", async () => {
    const rule = { limit: 1, windowSeconds: 60 };
    const t0 = new Date("2026-01-01T00:00:10Z");
    expect((await consumeRateLimit("window:a", rule, t0)).allowed).toBe(true);
    const refused = await consumeRateLimit("window:a", rule, new Date("2026-01-01T00:00:50Z"));
    expect(refused.allowed).toBe(false);
    expect(refused.resetAt.toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect((await consumeRateLimit("window:b", rule, t0)).allowed).toBe(true);
    expect((await consumeRateLimit("window:a", rule, new Date("2026-01-01T00:01:01Z"))).allowed).toBe(true);
  });

  it("prunes windows that ended two days ago from a daily cron job the app hands its workers", async () => {
    const prune = BACKGROUND_JOBS.find((job) => job.name === "rate-limit.prune-buckets");
    expect(prune?.cron).toBe("23 3 * * *");
    const rule = { limit: 5, windowSeconds: 60 };
    await consumeRateLimit("prune:old", rule, new Date(Date.now() - 3 * 86_400_000));
    await consumeRateLimit("prune:fresh", rule);
    const signal = new AbortController().signal;
    await prune!.run({}, { jobId: "test", signal, progress: () => {}, attempt: 1 });
    const left = await prisma.rateLimitBucket.findMany({
      where: { key: { startsWith: "prune:" } },
      select: { key: true },
    });
    expect(left.map((b) => b.key)).toEqual(["prune:fresh"]);
  });
});
