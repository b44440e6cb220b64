import { prisma } from "~/db/client.server";
import { listSubscriptions } from "~/usage/spend.server";
import { listAnomalies, viewOf, type AnomalyView } from "./anomalies.server";
import { benchmarksFor } from "./benchmarks.server";
import { HISTORY } from "./detection.server";
import { RobustDetector } from "./detectors/robust";
import { combine, subscriptionForecasts } from "./forecasts.server";
import { listSavings } from "./savings.server";
import { PERIOD_MS, periodStart, type Granularity } from "./series";
import { loadSeries } from "./series.server";

/**
 * Everything the intelligence page shows (/orgs/:id/intelligence): anomalies (one of them on
 * a chart with the band the model expected), forecasts of the organisation's spend and of
 * each subscription, savings and marketplace benchmarks.
 */
export type ChartPoint = { time: number; value: number; expected: number; lower: number; upper: number };
export type SeriesChart = {
  seriesKey: string;
  label: string;
  granularity: Granularity;
  points: ChartPoint[];
  /** Periods in the anomaly shown, by time. */
  highlight: { from: number; to: number } | null;
};

const SHOWN: Record<Granularity, number> = { day: 90 * PERIOD_MS.day, hour: 7 * PERIOD_MS.day };

export async function intelligenceOverview(organizationId: string, selectedAnomalyId: string | null, now = new Date()) {
  const subscriptions = await listSubscriptions(organizationId);
  const [anomalies, savings, benchmarks, forecasts, lastRun, history] = await Promise.all([
    listAnomalies(organizationId),
    listSavings(organizationId),
    benchmarksFor(organizationId, now),
    subscriptionForecasts(
      organizationId,
      subscriptions.map((s) => s.id),
      now,
    ),
    prisma.detectionState.aggregate({ where: { organizationId }, _max: { updatedAt: true } }),
    organizationDailySpend(organizationId, now),
  ]);
  const selected: AnomalyView | null =
    anomalies.find((a) => a.id === selectedAnomalyId) ??
    (selectedAnomalyId ? await loadAnomaly(organizationId, selectedAnomalyId) : null) ??
    mostCostly(anomalies.filter((a) => a.status !== "DISMISSED" && a.seriesKey.startsWith("subscription:"))) ??
    null;
  const total = combine([...forecasts.values()]);
  return {
    lastRunAt: lastRun._max.updatedAt?.toISOString() ?? null,
    anomalies,
    selected,
    chart: selected ? await seriesChart(organizationId, selected, now) : null,
    savings,
    benchmarks,
    forecast: total && {
      history,
      daily: total.daily.slice(0, 90),
      monthEnd: total.monthEnd,
      months: total.months,
    },
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      label: `${s.api.name} · ${s.team.name}`,
      forecast: forecasts.get(s.id)
        ? { monthEnd: forecasts.get(s.id)!.monthEnd, months: forecasts.get(s.id)!.months }
        : null,
    })),
  };
}
export type IntelligenceOverview = Awaited<ReturnType<typeof intelligenceOverview>>;

/** Without a choice, the chart shows the critical anomaly that cost most (the newest is often a small one). */
function mostCostly(anomalies: readonly AnomalyView[]): AnomalyView | undefined {
  const cost = (a: AnomalyView) => (a.severity === "critical" ? 1e12 : 0) + Math.abs(a.actualUsd - a.expectedUsd);
  return [...anomalies].sort((a, b) => cost(b) - cost(a))[0];
}

async function loadAnomaly(organizationId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await prisma.anomaly.findFirst({ where: { id, organizationId } });
  return row ? viewOf(row) : null;
}

/** The anomaly's series around it, with the band the model expected each period to stay in. */
async function seriesChart(organizationId: string, anomaly: AnomalyView, now: Date): Promise<SeriesChart | null> {
  const granularity = anomaly.granularity;
  const step = PERIOD_MS[granularity];
  const lastComplete = periodStart(now.getTime(), granularity) - step;
  const from = lastComplete - HISTORY[granularity] + step;
  const series = (await loadSeries(organizationId, granularity, from, lastComplete, new Set([anomaly.seriesKey]))).get(
    anomaly.seriesKey,
  );
  if (!series) return null;
  const state = await prisma.detectionState.findUnique({
    where: {
      organizationId_seriesKey_granularity: {
        organizationId,
        seriesKey: anomaly.seriesKey,
        granularity: granularity === "day" ? "DAY" : "HOUR",
      },
    },
    select: { sensitivity: true },
  });
  const detector = RobustDetector.forGranularity({ granularity });
  detector.setSensitivity(state?.sensitivity ?? 1);
  const first = series.values.findIndex((v) => v > 0);
  const alertAt = Date.parse(anomaly.alertAt);
  const showFrom = Math.min(lastComplete - SHOWN[granularity] + step, alertAt - SHOWN[granularity] / 2);
  const points: ChartPoint[] = [];
  series.timestamps.forEach((time, i) => {
    if (first < 0 || i < first) return;
    const result = detector.step(time, series.values[i]!);
    if (time >= showFrom)
      points.push({ time, value: result.value, expected: result.expected, lower: result.lower, upper: result.upper });
  });
  return {
    seriesKey: anomaly.seriesKey,
    label: anomaly.seriesLabel,
    granularity,
    points,
    highlight: { from: Date.parse(anomaly.startedAt), to: Date.parse(anomaly.endedAt) },
  };
}

/** The organisation's metered spend per day for the last 90 days, today (so far) included. */
async function organizationDailySpend(organizationId: string, now: Date) {
  const today = periodStart(now.getTime(), "day");
  const from = today - 89 * PERIOD_MS.day;
  const rows = await prisma.$queryRaw<{ day: Date; cost: number }[]>`
    SELECT r."day"::timestamp AS day, SUM(r."costUsd")::float8 AS cost
    FROM "UsageRecord" r JOIN "Subscription" s ON s."id" = r."subscriptionId" JOIN "Team" t ON t."id" = s."teamId"
    WHERE t."organizationId" = ${organizationId} AND r."day" BETWEEN ${new Date(from)}::date AND ${new Date(today)}::date
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day.getTime(), r.cost]));
  return Array.from({ length: 90 }, (_, i) => {
    const time = from + i * PERIOD_MS.day;
    return { time, value: byDay.get(time) ?? 0 };
  });
}
