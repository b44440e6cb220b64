import { prisma } from "~/db/client.server";
import { unitPriceOf } from "~/usage/pricing";
import { addDays, daysBefore, startOfMonth, toDay } from "~/time/days";
import { MAX_HISTORY_DAYS, type UsageHistory } from "./backtest";
import type { CatalogApi, Volume } from "./cost";
import type { OrgKey } from "./recommendations";

/**
 * The few reads cost estimates need, kept here and small: catalog plans for the detected
 * APIs, the organisation's daily usage per subscription and operation, its managed keys,
 * and the volumes people entered. (Spend charts have their own queries.)
 */
const WINDOW_DAYS = 30;

export async function catalogFor(slugs: string[]): Promise<Map<string, CatalogApi>> {
  if (!slugs.length) return new Map();
  const apis = await prisma.api.findMany({
    where: { slug: { in: slugs } },
    select: {
      slug: true,
      name: true,
      category: true,
      plans: { orderBy: { monthlyFee: "asc" }, include: { unitPrices: true } },
    },
  });
  return new Map(
    apis.map((api) => [
      api.slug,
      {
        slug: api.slug,
        name: api.name,
        category: api.category,
        plans: api.plans.map((p) => ({
          id: p.id,
          name: p.name,
          monthlyFee: Number(p.monthlyFee),
          unitPrices: p.unitPrices.map(unitPriceOf),
        })),
      },
    ]),
  );
}

/**
 * Daily usage of the organisation's active subscriptions to these APIs, up to yesterday (the
 * last complete day): enough for a forecast's history and for backtesting the month before.
 */
export async function usageHistories(
  organizationId: string,
  slugs: string[],
  now = new Date(),
): Promise<UsageHistory[]> {
  if (!slugs.length) return [];
  const today = toDay(now);
  const since = addDays(startOfMonth(addDays(startOfMonth(today), -1)), -MAX_HISTORY_DAYS);
  const subscriptions = await prisma.subscription.findMany({
    where: { status: "ACTIVE", team: { organizationId }, plan: { api: { slug: { in: slugs } } } },
    select: { id: true, planId: true, plan: { select: { api: { select: { slug: true } } } } },
  });
  if (!subscriptions.length) return [];
  const rows = await prisma.usageRecord.findMany({
    where: {
      subscriptionId: { in: subscriptions.map((s) => s.id) },
      day: { gte: new Date(`${since}T00:00:00Z`), lt: new Date(`${today}T00:00:00Z`) },
    },
    select: { subscriptionId: true, day: true, operation: true, calls: true, units: true, costUsd: true },
  });
  return subscriptions.map((s) => ({
    slug: s.plan.api.slug,
    planId: s.planId,
    through: addDays(today, -1),
    days: rows
      .filter((r) => r.subscriptionId === s.id)
      .map((r) => ({
        day: toDay(r.day),
        operation: r.operation,
        calls: r.calls,
        units: Number(r.units),
        costUsd: Number(r.costUsd),
      })),
  }));
}

export async function organizationKeys(organizationId: string, now = new Date()): Promise<OrgKey[]> {
  const since = daysBefore(now, WINDOW_DAYS);
  const keys = await prisma.apiKey.findMany({
    where: { organizationId, revokedAt: null },
    select: {
      envVarName: true,
      label: true,
      subscription: {
        select: { id: true, status: true, plan: { select: { monthlyFee: true, api: { select: { slug: true } } } } },
      },
    },
  });
  const subscriptionIds = keys.map((k) => k.subscription?.id).filter((id): id is string => Boolean(id));
  const calls = subscriptionIds.length
    ? await prisma.usageRecord.groupBy({
        by: ["subscriptionId"],
        where: { subscriptionId: { in: subscriptionIds }, day: { gte: since } },
        _sum: { calls: true },
      })
    : [];
  return keys.map((k) => ({
    envVarName: k.envVarName,
    label: k.label,
    catalogSlug: k.subscription?.plan.api.slug ?? null,
    monthlyFee: k.subscription?.status === "ACTIVE" ? Number(k.subscription.plan.monthlyFee) : 0,
    calls30d: calls.find((c) => c.subscriptionId === k.subscription?.id)?._sum.calls ?? 0,
  }));
}

export async function volumesFor(workspaceId: string): Promise<Volume[]> {
  const rows = await prisma.usageAssumption.findMany({ where: { workspaceId } });
  return rows.map((r) => ({
    provider: r.provider,
    operation: r.operation,
    monthlyCalls: r.monthlyCalls,
    unitsPerCall: (r.unitsPerCall ?? {}) as Record<string, number>,
  }));
}

export async function saveVolume(input: {
  workspaceId: string;
  userId: string;
  provider: string;
  operation: string;
  monthlyCalls: number;
  unitsPerCall: Record<string, number>;
}) {
  const { workspaceId, provider, operation } = input;
  if (input.monthlyCalls === 0) {
    await prisma.usageAssumption.deleteMany({ where: { workspaceId, provider, operation } });
    return;
  }
  const data = { monthlyCalls: input.monthlyCalls, unitsPerCall: input.unitsPerCall, updatedById: input.userId };
  await prisma.usageAssumption.upsert({
    where: { workspaceId_provider_operation: { workspaceId, provider, operation } },
    create: { workspaceId, provider, operation, ...data },
    update: data,
  });
}
