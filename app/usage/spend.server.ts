import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import type { Bucket, Day } from "~/time/days";

export type { Bucket, Day };

/**
 * Spend queries for every feature that reads usage (the cost canvas, budgets, anomaly
 * detection, codebase analytics' cost estimates). They read the daily aggregates in
 * UsageRecord, which ingestion keeps current in the same transaction as the raw events,
 * so a 12-month chart never scans raw events (see docs/benchmarks.md, "Cost canvas").
 *
 * Conventions:
 * - Always scoped to one organisation: rows of another organisation never match, even
 *   when their ids are passed in `ids`.
 * - Days are UTC calendar days as "YYYY-MM-DD"; `from` and `to` are both included.
 * - Spend is metered usage cost in USD; plans' fixed monthly fees are not in it (they
 *   are on the subscription's plan: see listSubscriptions).
 * - Buckets with no usage are absent; fill gaps with `bucketsBetween` (days.ts) when drawing.
 */

/** What to group spend by: a subscription, the team that holds it, or the API it is to. */
export type SpendGroup = "subscription" | "team" | "api";

export type SpendScope = {
  organizationId: string;
  from: Day;
  to: Day;
  /** Only these subscriptions / teams / APIs (by id, per `groupBy`); all when omitted. */
  ids?: readonly string[];
};

const GROUP_KEY: Record<SpendGroup, Prisma.Sql> = {
  subscription: Prisma.sql`s."id"`,
  team: Prisma.sql`s."teamId"`,
  api: Prisma.sql`p."apiId"`,
};

function spendFilter({ organizationId, from, to, ids }: SpendScope, groupBy: SpendGroup) {
  return Prisma.sql`
    FROM "UsageRecord" r
    JOIN "Subscription" s ON s."id" = r."subscriptionId"
    JOIN "Team" t ON t."id" = s."teamId"
    JOIN "Plan" p ON p."id" = s."planId"
    WHERE t."organizationId" = ${organizationId}
      AND r."day" BETWEEN ${from}::date AND ${to}::date
      ${ids ? Prisma.sql`AND ${GROUP_KEY[groupBy]} = ANY(${[...ids]}::text[])` : Prisma.empty}`;
}

/** Spend per group per day, week (starting Monday) or month, in time order. */
export async function spendSeries(scope: SpendScope & { groupBy: SpendGroup; bucket: Bucket }) {
  return prisma.$queryRaw<{ key: string; bucket: Day; costUsd: number; calls: number }[]>`
    SELECT ${GROUP_KEY[scope.groupBy]} AS "key",
           date_trunc(${scope.bucket}, r."day"::timestamp)::date::text AS "bucket",
           SUM(r."costUsd")::float8 AS "costUsd",
           SUM(r."calls")::float8 AS "calls"
    ${spendFilter(scope, scope.groupBy)}
    GROUP BY 1, 2
    ORDER BY 2, 1`;
}

/** Total spend per group over the period. */
export async function spendTotals(scope: SpendScope & { groupBy: SpendGroup }) {
  return prisma.$queryRaw<{ key: string; costUsd: number; calls: number }[]>`
    SELECT ${GROUP_KEY[scope.groupBy]} AS "key", SUM(r."costUsd")::float8 AS "costUsd", SUM(r."calls")::float8 AS "calls"
    ${spendFilter(scope, scope.groupBy)}
    GROUP BY 1`;
}

/**
 * Spend per cost center over the period: each subscription's spend times the share of
 * it the cost center carries. `ids` are cost center ids.
 */
export async function costCenterSpend({ organizationId, from, to, ids }: SpendScope) {
  return prisma.$queryRaw<{ key: string; costUsd: number }[]>`
    SELECT a."costCenterId" AS "key", SUM(r."costUsd" * a."sharePercent" / 100)::float8 AS "costUsd"
    FROM "CostCenterAllocation" a
    JOIN "CostCenter" c ON c."id" = a."costCenterId"
    JOIN "UsageRecord" r ON r."subscriptionId" = a."subscriptionId"
    JOIN "Subscription" s ON s."id" = a."subscriptionId"
    JOIN "Team" t ON t."id" = s."teamId"
    -- Both sides must be this organisation's: an allocation can never pull in another's spend.
    WHERE c."organizationId" = ${organizationId} AND t."organizationId" = ${organizationId}
      AND r."day" BETWEEN ${from}::date AND ${to}::date
      ${ids ? Prisma.sql`AND a."costCenterId" = ANY(${[...ids]}::text[])` : Prisma.empty}
    GROUP BY 1`;
}

/** The organisation's subscriptions with what they are to, their plan, team and budget. */
export async function listSubscriptions(organizationId: string, ids?: readonly string[]) {
  const rows = await prisma.subscription.findMany({
    where: { team: { organizationId }, ...(ids ? { id: { in: [...ids] } } : {}) },
    orderBy: [{ team: { name: "asc" } }, { plan: { api: { name: "asc" } } }],
    select: {
      id: true,
      status: true,
      startedAt: true,
      monthlyBudgetUsd: true,
      team: { select: { id: true, name: true } },
      plan: {
        select: { name: true, monthlyFee: true, api: { select: { id: true, name: true, slug: true, category: true } } },
      },
    },
  });
  return rows.map((s) => ({
    id: s.id,
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    monthlyBudgetUsd: s.monthlyBudgetUsd === null ? null : Number(s.monthlyBudgetUsd),
    team: s.team,
    api: s.plan.api,
    plan: { name: s.plan.name, monthlyFeeUsd: Number(s.plan.monthlyFee) },
  }));
}
export type SubscriptionSummary = Awaited<ReturnType<typeof listSubscriptions>>[number];

/** Teams, APIs (those subscribed to) and cost centers of the organisation, for pickers. */
export async function listSpendSubjects(organizationId: string) {
  const [teams, apis, costCenters] = await Promise.all([
    prisma.team.findMany({ where: { organizationId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.api.findMany({
      where: { plans: { some: { subscriptions: { some: { team: { organizationId } } } } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    prisma.costCenter.findMany({
      where: { organizationId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, monthlyBudgetUsd: true },
    }),
  ]);
  return {
    teams,
    apis,
    costCenters: costCenters.map((c) => ({
      id: c.id,
      name: c.name,
      monthlyBudgetUsd: c.monthlyBudgetUsd === null ? null : Number(c.monthlyBudgetUsd),
    })),
  };
}
