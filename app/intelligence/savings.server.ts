import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { catalogFor } from "~/scans/usage.server";
import { findOpportunities, WINDOW_DAYS, type SubscriptionUsage } from "./savings";
import { MS_PER_DAY } from "~/time/days";

/**
 * Savings opportunities of an organisation: computed from its usage (savings.ts) by the daily
 * job or on demand, stored so that "dismiss" and "done" stick, and listed on the page.
 */
export async function refreshSavings(organizationId: string, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - WINDOW_DAYS * MS_PER_DAY);
  const to = new Date(today); // exclusive: today is not complete
  const subscriptions = await prisma.subscription.findMany({
    where: { team: { organizationId }, status: "ACTIVE" },
    select: {
      id: true,
      planId: true,
      startedAt: true,
      team: { select: { name: true } },
      plan: { select: { api: { select: { slug: true, name: true, category: true } } } },
    },
  });
  if (subscriptions.length === 0) return { found: 0 };
  const ids = subscriptions.map((s) => s.id);
  const [operations, lastCalls, repeats, categorySlugs] = await Promise.all([
    prisma.$queryRaw<{ subscriptionId: string; operation: string; calls: number; units: number; costUsd: number }[]>`
      SELECT "subscriptionId", "operation", SUM("calls")::float8 AS calls, SUM("units")::float8 AS units, SUM("costUsd")::float8 AS "costUsd"
      FROM "UsageRecord" WHERE "subscriptionId" = ANY(${ids}::text[]) AND "day" >= ${from}::date AND "day" < ${to}::date
      GROUP BY 1, 2`,
    prisma.$queryRaw<{ subscriptionId: string; day: string }[]>`
      SELECT "subscriptionId", MAX("day")::text AS day FROM "UsageRecord"
      WHERE "subscriptionId" = ANY(${ids}::text[]) AND "calls" > 0 GROUP BY 1`,
    // Identical requests: events sharing a fingerprint on the same day, after the first one.
    prisma.$queryRaw<
      { subscriptionId: string; operation: string; calls: number; repeatedCalls: number; repeatedCostUsd: number }[]
    >`
      SELECT "subscriptionId", "operation", SUM(n)::float8 AS calls, SUM(n - 1)::float8 AS "repeatedCalls",
             SUM(cost - first_cost)::float8 AS "repeatedCostUsd"
      FROM (
        SELECT "subscriptionId", "operation", COUNT(*) AS n, SUM("costUsd") AS cost,
               (ARRAY_AGG("costUsd" ORDER BY "occurredAt"))[1] AS first_cost
        FROM "UsageEvent"
        WHERE "organizationId" = ${organizationId} AND "requestFingerprint" IS NOT NULL
          AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
        GROUP BY "subscriptionId", "operation", "requestFingerprint", date_trunc('day', "occurredAt")
      ) groups
      GROUP BY 1, 2`,
    prisma.api.findMany({
      where: { category: { in: [...new Set(subscriptions.map((s) => s.plan.api.category))] } },
      select: { slug: true },
    }),
  ]);
  const catalog = await catalogFor(categorySlugs.map((a) => a.slug));
  const usage: SubscriptionUsage[] = subscriptions.map((s) => ({
    subscriptionId: s.id,
    label: `${s.plan.api.name} · ${s.team.name}`,
    apiSlug: s.plan.api.slug,
    planId: s.planId,
    startedAt: s.startedAt,
    lastCallDay: lastCalls.find((l) => l.subscriptionId === s.id)?.day ?? null,
    operations: operations.filter((o) => o.subscriptionId === s.id),
    repeats: repeats.filter((r) => r.subscriptionId === s.id),
  }));
  const found = findOpportunities(usage, catalog, now);

  await prisma.$transaction(async (tx) => {
    for (const o of found) {
      const data = {
        kind: o.kind,
        subscriptionId: o.subscriptionId,
        title: o.title,
        monthlySavingUsd: o.monthlySavingUsd,
        evidence: o.evidence as Prisma.InputJsonValue,
        method: o.method,
        computedAt: now,
      };
      await tx.savingsOpportunity.upsert({
        where: { organizationId_key: { organizationId, key: o.key } },
        create: { organizationId, key: o.key, ...data },
        update: data,
      });
    }
    // Open opportunities no longer found are gone; dismissed and done ones stay as people left them.
    await tx.savingsOpportunity.deleteMany({
      where: { organizationId, status: "OPEN", key: { notIn: found.map((o) => o.key) } },
    });
  });
  return { found: found.length };
}

export async function listSavings(organizationId: string) {
  const rows = await prisma.savingsOpportunity.findMany({
    where: { organizationId },
    orderBy: [{ status: "asc" }, { monthlySavingUsd: "desc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    monthlySavingUsd: Number(r.monthlySavingUsd),
    evidence: r.evidence as { label: string; value: string }[],
    method: r.method,
    status: r.status,
    statusAt: r.statusAt?.toISOString() ?? null,
    computedAt: r.computedAt.toISOString(),
  }));
}
export type SavingsView = Awaited<ReturnType<typeof listSavings>>[number];

export const SavingsActionSchema = z.object({
  opportunityId: z.string().uuid("Choose an opportunity."),
  status: z.enum(["DISMISSED", "DONE", "OPEN"], { error: "Choose dismiss, done or reopen." }),
});

/** Dismisses, marks done or reopens an opportunity of the organisation; false when it is not one. */
export async function setSavingsStatus(
  organizationId: string,
  { opportunityId, status }: z.infer<typeof SavingsActionSchema>,
  origin: AuditOrigin & { userId: string },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const opportunity = await tx.savingsOpportunity.findFirst({ where: { id: opportunityId, organizationId } });
    if (!opportunity) return false;
    await tx.savingsOpportunity.update({
      where: { id: opportunity.id },
      data: {
        status,
        statusById: status === "OPEN" ? null : origin.userId,
        statusAt: status === "OPEN" ? null : new Date(),
      },
    });
    await recordAudit(
      {
        ...origin,
        organizationId,
        action: status === "DONE" ? "savings.done" : status === "DISMISSED" ? "savings.dismissed" : "savings.reopened",
        target: { type: "savings", id: opportunity.id, label: opportunity.title },
        before: { status: opportunity.status },
        after: { status },
      },
      tx,
    );
    return true;
  });
}
