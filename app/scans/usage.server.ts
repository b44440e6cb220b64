import { prisma } from "~/db/client.server";
import { unitPriceOf } from "~/usage/pricing";
import type { CatalogApi, RecordedUsage, Volume } from "./cost";
import type { OrgKey } from "./recommendations";

/**
 * The few reads cost estimates need, kept here and small: catalog plans for the detected
 * APIs, the organisation's last 30 days of usage per subscription and operation, its
 * managed keys, and the volumes people entered. (Spend charts have their own queries.)
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

/** Usage of the organisation's active subscriptions to these APIs over the last 30 full days. */
export async function recordedUsage(
  organizationId: string,
  slugs: string[],
  now = new Date(),
): Promise<RecordedUsage[]> {
  if (!slugs.length) return [];
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const since = new Date(until.getTime() - WINDOW_DAYS * 86_400_000);
  const subscriptions = await prisma.subscription.findMany({
    where: { status: "ACTIVE", team: { organizationId }, plan: { api: { slug: { in: slugs } } } },
    select: { id: true, planId: true, plan: { select: { api: { select: { slug: true } } } } },
  });
  if (!subscriptions.length) return [];
  const rows = await prisma.usageRecord.groupBy({
    by: ["subscriptionId", "operation"],
    where: { subscriptionId: { in: subscriptions.map((s) => s.id) }, day: { gte: since, lt: until } },
    _sum: { calls: true, units: true, costUsd: true },
  });
  return subscriptions.map((s) => ({
    slug: s.plan.api.slug,
    planId: s.planId,
    days: WINDOW_DAYS,
    operations: rows
      .filter((r) => r.subscriptionId === s.id)
      .map((r) => ({
        operation: r.operation,
        calls: r._sum.calls ?? 0,
        units: Number(r._sum.units ?? 0),
        costUsd: Number(r._sum.costUsd ?? 0),
      })),
  }));
}

export async function organizationKeys(organizationId: string, now = new Date()): Promise<OrgKey[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
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
