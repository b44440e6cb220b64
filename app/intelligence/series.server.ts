import { prisma } from "~/db/client.server";
import { denseSeries, PERIOD_MS, type Granularity } from "./series";
import { parseSeriesKey, seriesKey, type SeriesRef } from "./series-keys";

/**
 * The spend series of an organisation, from the usage aggregates: daily ones from the daily
 * UsageRecord (and, per API key, from the hourly table), hourly ones from UsageHourly. Every
 * query is scoped to the organisation through its teams.
 */
export type SeriesInfo = { key: string; ref: SeriesRef; label: string; subscriptionId: string | null };

/** What an organisation's series are about, with names people recognise. */
export async function seriesDirectory(organizationId: string) {
  const [subscriptions, costCenters, apiKeys] = await Promise.all([
    prisma.subscription.findMany({
      where: { team: { organizationId } },
      select: {
        id: true,
        team: { select: { id: true, name: true } },
        plan: { select: { name: true, api: { select: { id: true, name: true, category: true } } } },
      },
    }),
    prisma.costCenter.findMany({ where: { organizationId }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { organizationId }, select: { id: true, label: true, subscriptionId: true } }),
  ]);
  const teams = new Map(subscriptions.map((s) => [s.team.id, s.team.name]));
  const subscriptionLabel = new Map(subscriptions.map((s) => [s.id, `${s.plan.api.name} · ${s.team.name}`]));
  const label = (ref: SeriesRef): string | null => {
    switch (ref.kind) {
      case "subscription":
        return subscriptionLabel.get(ref.id) ?? null;
      case "team":
        return teams.has(ref.id) ? `Team ${teams.get(ref.id)}` : null;
      case "costCenter": {
        const center = costCenters.find((c) => c.id === ref.id);
        return center ? `Cost center ${center.name}` : null;
      }
      case "apiKey": {
        const key = apiKeys.find((k) => k.id === ref.id);
        return key ? `Key ${key.label}` : null;
      }
      case "operation": {
        const sub = subscriptionLabel.get(ref.id);
        return sub ? `${ref.operation} on ${sub}` : null;
      }
    }
  };
  return {
    subscriptions,
    costCenters,
    apiKeys,
    teams,
    label,
    keyToSubscription: new Map(apiKeys.map((k) => [k.id, k.subscriptionId])),
  };
}
export type SeriesDirectory = Awaited<ReturnType<typeof seriesDirectory>>;

type Row = { key: string; t: Date; cost: number };

/** Spend per series per period between two period starts (both included), sparse. */
async function seriesRows(organizationId: string, granularity: Granularity, from: Date, to: Date): Promise<Row[]> {
  if (granularity === "day") {
    return prisma.$queryRaw<Row[]>`
      WITH usage AS (
        SELECT r."subscriptionId", s."teamId", r."operation", r."day"::timestamp AS t, r."costUsd"
        FROM "UsageRecord" r
        JOIN "Subscription" s ON s."id" = r."subscriptionId"
        JOIN "Team" tm ON tm."id" = s."teamId"
        WHERE tm."organizationId" = ${organizationId} AND r."day" BETWEEN ${from}::date AND ${to}::date
      )
      SELECT 'subscription:' || "subscriptionId" AS key, t, SUM("costUsd")::float8 AS cost FROM usage GROUP BY 1, 2
      UNION ALL
      SELECT 'team:' || "teamId", t, SUM("costUsd")::float8 FROM usage GROUP BY 1, 2
      UNION ALL
      SELECT 'operation:' || "subscriptionId" || ':' || "operation", t, SUM("costUsd")::float8 FROM usage GROUP BY 1, 2
      UNION ALL
      SELECT 'costCenter:' || a."costCenterId", u.t, SUM(u."costUsd" * a."sharePercent" / 100)::float8
      FROM usage u JOIN "CostCenterAllocation" a ON a."subscriptionId" = u."subscriptionId"
      JOIN "CostCenter" c ON c."id" = a."costCenterId" AND c."organizationId" = ${organizationId}
      GROUP BY 1, 2
      UNION ALL
      SELECT 'apiKey:' || h."apiKeyId", date_trunc('day', h."hour"), SUM(h."costUsd")::float8
      FROM "UsageHourly" h
      JOIN "Subscription" s ON s."id" = h."subscriptionId"
      JOIN "Team" tm ON tm."id" = s."teamId"
      WHERE tm."organizationId" = ${organizationId} AND h."apiKeyId" <> ''
        AND h."hour" >= ${from} AND h."hour" < ${new Date(to.getTime() + PERIOD_MS.day)}
      GROUP BY 1, 2`;
  }
  return prisma.$queryRaw<Row[]>`
    WITH usage AS (
      SELECT h."subscriptionId", s."teamId", h."operation", h."apiKeyId", h."hour" AS t, h."costUsd"
      FROM "UsageHourly" h
      JOIN "Subscription" s ON s."id" = h."subscriptionId"
      JOIN "Team" tm ON tm."id" = s."teamId"
      WHERE tm."organizationId" = ${organizationId} AND h."hour" BETWEEN ${from} AND ${to}
    )
    SELECT 'subscription:' || "subscriptionId" AS key, t, SUM("costUsd")::float8 AS cost FROM usage GROUP BY 1, 2
    UNION ALL
    SELECT 'team:' || "teamId", t, SUM("costUsd")::float8 FROM usage GROUP BY 1, 2
    UNION ALL
    SELECT 'operation:' || "subscriptionId" || ':' || "operation", t, SUM("costUsd")::float8 FROM usage GROUP BY 1, 2
    UNION ALL
    SELECT 'apiKey:' || "apiKeyId", t, SUM("costUsd")::float8 FROM usage WHERE "apiKeyId" <> '' GROUP BY 1, 2
    UNION ALL
    SELECT 'costCenter:' || a."costCenterId", u.t, SUM(u."costUsd" * a."sharePercent" / 100)::float8
    FROM usage u JOIN "CostCenterAllocation" a ON a."subscriptionId" = u."subscriptionId"
    JOIN "CostCenter" c ON c."id" = a."costCenterId" AND c."organizationId" = ${organizationId}
    GROUP BY 1, 2`;
}

/**
 * Dense series (zero where nothing was spent) from `from` to `to`, by key, for every series
 * with any spend in the range; `only` restricts to some keys.
 */
export async function loadSeries(
  organizationId: string,
  granularity: Granularity,
  from: number,
  to: number,
  only?: ReadonlySet<string>,
): Promise<Map<string, { timestamps: number[]; values: number[] }>> {
  const rows = await seriesRows(organizationId, granularity, new Date(from), new Date(to));
  const byKey = new Map<string, { time: number; value: number }[]>();
  for (const row of rows) {
    if (only && !only.has(row.key)) continue;
    const list = byKey.get(row.key) ?? [];
    list.push({ time: row.t.getTime(), value: row.cost });
    byKey.set(row.key, list);
  }
  return new Map([...byKey].map(([key, points]) => [key, denseSeries(points, from, to, granularity)]));
}

/** Series of the organisation that exist (their subject is still there), with labels. */
export function describeSeries(keys: Iterable<string>, directory: SeriesDirectory): SeriesInfo[] {
  const infos: SeriesInfo[] = [];
  for (const key of keys) {
    const ref = parseSeriesKey(key);
    const label = ref && directory.label(ref);
    if (!ref || !label) continue;
    const subscriptionId =
      ref.kind === "subscription" || ref.kind === "operation"
        ? ref.id
        : ref.kind === "apiKey"
          ? (directory.keyToSubscription.get(ref.id) ?? null)
          : null;
    infos.push({ key: seriesKey(ref), ref, label, subscriptionId });
  }
  return infos;
}
