import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Tier } from "~/generated/prisma/enums";
import { dayStart, monthStart, nextDayStart, toDay } from "~/time/days";
import { DAILY_GENERATION_LIMITS, type QuotaSummary } from "./quota";

/**
 * Per-person daily generation quotas, exact under concurrency
 * (docs/decisions/020-ai-quota-reservations.md). A generation reserves one unit before
 * Claude is called; the unit is given back if the generation fails before the API bills
 * anything, and kept (with the tokens and cost the API reported) otherwise.
 */
export type Reservation =
  { allowed: true; used: number; limit: number | null; day: Date } | { allowed: false; limit: number; resetAt: Date };

/**
 * Takes one unit of today's quota in one statement (its own transaction, or the caller's).
 * The conditional upsert locks the person's row, so concurrent requests queue behind it
 * and each sees the count the previous one left: exactly `limit` pass.
 */
export async function reserveQuota(
  tx: Prisma.TransactionClient,
  userId: string,
  tier: Tier,
  now = new Date(),
): Promise<Reservation> {
  const limit = DAILY_GENERATION_LIMITS[tier];
  const day = dayStart(now);
  const rows = await tx.$queryRaw<{ used: number }[]>`
    INSERT INTO "AiQuotaDay" ("userId", "day", "used") VALUES (${userId}, ${toDay(day)}::date, 1)
    ON CONFLICT ("userId", "day") DO UPDATE SET "used" = "AiQuotaDay"."used" + 1
    WHERE ${limit}::int IS NULL OR "AiQuotaDay"."used" < ${limit}::int
    RETURNING "used"`;
  if (rows.length === 0 || (limit !== null && Number(rows[0]!.used) > limit)) {
    return { allowed: false, limit: limit ?? 0, resetAt: nextDayStart(now) };
  }
  return { allowed: true, used: Number(rows[0]!.used), limit, day };
}

/** Gives one unit of a day back (a reservation whose records could not be written). */
export async function releaseQuota(userId: string, day: Date) {
  await prisma.$executeRaw`UPDATE "AiQuotaDay" SET "used" = GREATEST("used" - 1, 0) WHERE "userId" = ${userId} AND "day" = ${toDay(day)}::date`;
}

/** Gives the unit back: only for a generation still reserved, so a refund can't happen twice. */
export async function refundGeneration(generationId: string) {
  await prisma.$transaction(async (tx) => {
    const generation = await tx.aiGeneration.findUnique({
      where: { id: generationId },
      select: { userId: true, day: true },
    });
    if (!generation) return;
    const { count } = await tx.aiGeneration.updateMany({
      where: { id: generationId, status: "RESERVED" },
      data: { status: "REFUNDED", finishedAt: new Date() },
    });
    if (count === 1) {
      await tx.$executeRaw`UPDATE "AiQuotaDay" SET "used" = GREATEST("used" - 1, 0)
        WHERE "userId" = ${generation.userId} AND "day" = ${toDay(generation.day)}::date`;
    }
  });
}

/** What the quota meter shows one person: today's use and what is left, and this month's cost. */
export async function quotaSummary(
  userId: string,
  organizationId: string,
  tier: Tier,
  now = new Date(),
): Promise<QuotaSummary> {
  const limit = DAILY_GENERATION_LIMITS[tier];
  const since = monthStart(now);
  const [today, mine, organization] = await Promise.all([
    prisma.aiQuotaDay.findUnique({ where: { userId_day: { userId, day: dayStart(now) } }, select: { used: true } }),
    prisma.aiGeneration.aggregate({
      where: { userId, organizationId, status: "BILLED", createdAt: { gte: since } },
      _sum: { costUsd: true },
      _count: true,
    }),
    prisma.aiGeneration.aggregate({
      where: { organizationId, status: "BILLED", createdAt: { gte: since } },
      _sum: { costUsd: true },
    }),
  ]);
  const used = today?.used ?? 0;
  return {
    tier,
    limit,
    used,
    left: limit === null ? null : Math.max(0, limit - used),
    resetAt: nextDayStart(now).toISOString(),
    monthCostUsd: Number(mine._sum.costUsd ?? 0),
    monthGenerations: mine._count,
    organizationMonthCostUsd: Number(organization._sum.costUsd ?? 0),
  };
}
