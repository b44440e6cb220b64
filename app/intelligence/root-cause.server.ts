import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import type { Episode } from "./detectors/types";
import { contributors, type Breakdown, type Contributor, type Dimension } from "./root-cause";
import { PERIOD_MS, type Granularity } from "./series";
import type { SeriesInfo } from "./series.server";

/**
 * Which operation, key, region or subscription made an anomaly: spend in the episode by each
 * value of a dimension, against the same dimension's spend in the four weeks before it
 * (scaled to the episode's length). Reads the hourly table for keys and regions (events that
 * named them) and the daily aggregates for operations and subscriptions.
 */
const BASELINE_MS = 28 * PERIOD_MS.day;

type Scope = { subscriptionIds: string[]; operation?: string; apiKeyId?: string };

export async function rootCauseOf(
  organizationId: string,
  info: SeriesInfo,
  granularity: Granularity,
  episode: Pick<Episode, "start" | "end" | "expectedTotal" | "actualTotal">,
): Promise<Contributor[]> {
  const scope = await scopeOf(organizationId, info);
  if (!scope || scope.subscriptionIds.length === 0) return [];
  const from = episode.start;
  const to = episode.end + PERIOD_MS[granularity];
  const periods = (to - from) / PERIOD_MS[granularity];
  const baselinePeriods = BASELINE_MS / PERIOD_MS[granularity];
  const dimensions: Dimension[] =
    info.ref.kind === "team" || info.ref.kind === "costCenter"
      ? ["subscription", "operation"]
      : info.ref.kind === "operation"
        ? ["apiKey", "region"]
        : info.ref.kind === "apiKey"
          ? ["operation", "region"]
          : ["operation", "apiKey", "region"];
  const rows: Breakdown[] = [];
  for (const dimension of dimensions) {
    const found = await breakdown(dimension, scope, from, to);
    const labels = await labelsFor(
      dimension,
      found.map((f) => f.value),
    );
    for (const f of found)
      rows.push({
        dimension,
        value: f.value,
        label: labels.get(f.value) ?? f.value,
        episodeUsd: f.episode,
        usualUsd: (f.baseline / baselinePeriods) * periods,
      });
  }
  return contributors(rows, episode.actualTotal >= episode.expectedTotal ? 1 : -1);
}

async function scopeOf(organizationId: string, info: SeriesInfo): Promise<Scope | null> {
  const { ref } = info;
  const inOrganization = { team: { organizationId } };
  switch (ref.kind) {
    case "subscription":
      return { subscriptionIds: [ref.id] };
    case "operation":
      return { subscriptionIds: [ref.id], operation: ref.operation };
    case "apiKey":
      return info.subscriptionId ? { subscriptionIds: [info.subscriptionId], apiKeyId: ref.id } : null;
    case "team": {
      const subs = await prisma.subscription.findMany({
        where: { teamId: ref.id, ...inOrganization },
        select: { id: true },
      });
      return { subscriptionIds: subs.map((s) => s.id) };
    }
    case "costCenter": {
      const allocations = await prisma.costCenterAllocation.findMany({
        where: { costCenterId: ref.id, costCenter: { organizationId }, subscription: inOrganization },
        select: { subscriptionId: true },
      });
      return { subscriptionIds: allocations.map((a) => a.subscriptionId) };
    }
  }
}

async function breakdown(dimension: Dimension, scope: Scope, from: number, to: number) {
  const start = new Date(from);
  const end = new Date(to);
  const baseline = new Date(from - BASELINE_MS);
  const hourly = dimension === "apiKey" || dimension === "region";
  if (hourly) {
    const column = dimension === "apiKey" ? Prisma.sql`h."apiKeyId"` : Prisma.sql`h."region"`;
    return prisma.$queryRaw<{ value: string; episode: number; baseline: number }[]>`
      SELECT ${column} AS value,
             COALESCE(SUM(h."costUsd") FILTER (WHERE h."hour" >= ${start}), 0)::float8 AS episode,
             COALESCE(SUM(h."costUsd") FILTER (WHERE h."hour" < ${start}), 0)::float8 AS baseline
      FROM "UsageHourly" h
      WHERE h."subscriptionId" = ANY(${scope.subscriptionIds}::text[]) AND h."hour" >= ${baseline} AND h."hour" < ${end}
        AND ${column} <> ''
        ${scope.operation !== undefined ? Prisma.sql`AND h."operation" = ${scope.operation}` : Prisma.empty}
        ${scope.apiKeyId !== undefined ? Prisma.sql`AND h."apiKeyId" = ${scope.apiKeyId}` : Prisma.empty}
      GROUP BY 1`;
  }
  if (scope.apiKeyId !== undefined) {
    return prisma.$queryRaw<{ value: string; episode: number; baseline: number }[]>`
      SELECT h."operation" AS value,
             COALESCE(SUM(h."costUsd") FILTER (WHERE h."hour" >= ${start}), 0)::float8 AS episode,
             COALESCE(SUM(h."costUsd") FILTER (WHERE h."hour" < ${start}), 0)::float8 AS baseline
      FROM "UsageHourly" h
      WHERE h."subscriptionId" = ANY(${scope.subscriptionIds}::text[]) AND h."apiKeyId" = ${scope.apiKeyId}
        AND h."hour" >= ${baseline} AND h."hour" < ${end}
      GROUP BY 1`;
  }
  const column = dimension === "subscription" ? Prisma.sql`r."subscriptionId"` : Prisma.sql`r."operation"`;
  return prisma.$queryRaw<{ value: string; episode: number; baseline: number }[]>`
    SELECT ${column} AS value,
           COALESCE(SUM(r."costUsd") FILTER (WHERE r."day" >= ${start}::date), 0)::float8 AS episode,
           COALESCE(SUM(r."costUsd") FILTER (WHERE r."day" < ${start}::date), 0)::float8 AS baseline
    FROM "UsageRecord" r
    WHERE r."subscriptionId" = ANY(${scope.subscriptionIds}::text[])
      AND r."day" >= ${baseline}::date AND r."day" < ${end}::date
      ${scope.operation !== undefined ? Prisma.sql`AND r."operation" = ${scope.operation}` : Prisma.empty}
    GROUP BY 1`;
}

async function labelsFor(dimension: Dimension, values: string[]): Promise<Map<string, string>> {
  if (dimension === "apiKey") {
    const keys = await prisma.apiKey.findMany({
      where: { id: { in: values } },
      select: { id: true, label: true, last4: true },
    });
    return new Map(keys.map((k) => [k.id, `${k.label} (…${k.last4})`]));
  }
  if (dimension === "subscription") {
    const subs = await prisma.subscription.findMany({
      where: { id: { in: values } },
      select: { id: true, team: { select: { name: true } }, plan: { select: { api: { select: { name: true } } } } },
    });
    return new Map(subs.map((s) => [s.id, `${s.plan.api.name} · ${s.team.name}`]));
  }
  return new Map();
}
