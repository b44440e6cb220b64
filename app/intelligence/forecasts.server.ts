import { prisma } from "~/db/client.server";
import { RobustDetector, type ForecastPoint } from "./detectors/robust";
import { HISTORY } from "./detection.server";
import { futurePeriods } from "./forecast";
import { PERIOD_MS } from "./series";
import { loadSeries } from "./series.server";
import { seriesKey } from "./series-keys";

/**
 * Spend forecasts of subscriptions, from the detection model of their daily series (the
 * state the detection job keeps, or a replay of their history when it has not run yet):
 * to the end of this month, and for the next one, three and six calendar months, with 80%
 * and 95% intervals. Today is still under way: the month's forecast counts what today has
 * spent so far or what the model expects of it, whichever is more.
 *
 * Totals' intervals add the days' intervals up (as if every day erred the same way): wider
 * than independent days would give, and honest about the level being what is uncertain.
 */
export type Range = { expected: number; lower80: number; upper80: number; lower95: number; upper95: number };
export type SpendForecast = {
  monthEnd: Range;
  months: { months: 1 | 3 | 6; from: string; to: string; range: Range }[];
  /** Daily points from today on, for charts. */
  daily: ForecastPoint[];
};

const DAY = PERIOD_MS.day;
const HORIZON_DAYS = 190;

export async function subscriptionForecasts(
  organizationId: string,
  subscriptionIds: readonly string[],
  now = new Date(),
): Promise<Map<string, SpendForecast>> {
  if (subscriptionIds.length === 0) return new Map();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const yesterday = today - DAY;
  const keys = subscriptionIds.map((id) => seriesKey({ kind: "subscription", id }));
  const [states, todayRows, monthRows] = await Promise.all([
    prisma.detectionState.findMany({ where: { organizationId, granularity: "DAY", seriesKey: { in: keys } } }),
    spendBetween(organizationId, subscriptionIds, today, today),
    spendBetween(organizationId, subscriptionIds, monthStart(today), yesterday),
  ]);
  const fresh = new Map(states.filter((s) => s.lastPeriod?.getTime() === yesterday).map((s) => [s.seriesKey, s.state]));
  const stale = keys.filter((k) => !fresh.has(k));
  const histories = stale.length
    ? await loadSeries(organizationId, "day", yesterday - HISTORY.day + DAY, yesterday, new Set(stale))
    : new Map<string, { timestamps: number[]; values: number[] }>();

  const result = new Map<string, SpendForecast>();
  const times = futurePeriods(yesterday, today + HORIZON_DAYS * DAY, "day");
  for (const id of subscriptionIds) {
    const key = seriesKey({ kind: "subscription", id });
    let detector: RobustDetector;
    if (fresh.has(key)) detector = RobustDetector.forGranularity({ granularity: "day" }, fresh.get(key));
    else {
      detector = RobustDetector.forGranularity({ granularity: "day" });
      const history = histories.get(key);
      if (history) {
        const first = history.values.findIndex((v) => v > 0);
        if (first >= 0) history.timestamps.slice(first).forEach((t, i) => detector.step(t, history.values[first + i]!));
      }
    }
    const daily = detector.forecast(times);
    if (!daily) continue;
    const spentToday = todayRows.get(id) ?? 0;
    daily[0] = lift(daily[0]!, spentToday);
    const monthSoFar = monthRows.get(id) ?? 0;
    const endOfMonth = nextMonthStart(today) - DAY;
    const monthEnd = add(sum(daily.filter((p) => p.time <= endOfMonth)), monthSoFar);
    const months = ([1, 3, 6] as const).map((n) => {
      const from = nextMonthStart(today);
      const to = addMonths(from, n) - DAY;
      return {
        months: n,
        from: new Date(from).toISOString().slice(0, 10),
        to: new Date(to).toISOString().slice(0, 10),
        range: sum(daily.filter((p) => p.time >= from && p.time <= to)),
      };
    });
    result.set(id, { monthEnd, months, daily });
  }
  return result;
}

/** Adds subscriptions' forecasts up (an organisation's, a team's, a cost center's shares). */
export function combine(forecasts: readonly SpendForecast[], shares?: readonly number[]): SpendForecast | null {
  if (forecasts.length === 0) return null;
  const scale = (r: Range, s: number): Range => ({
    expected: r.expected * s,
    lower80: r.lower80 * s,
    upper80: r.upper80 * s,
    lower95: r.lower95 * s,
    upper95: r.upper95 * s,
  });
  const plus = (a: Range, b: Range): Range => ({
    expected: a.expected + b.expected,
    lower80: a.lower80 + b.lower80,
    upper80: a.upper80 + b.upper80,
    lower95: a.lower95 + b.lower95,
    upper95: a.upper95 + b.upper95,
  });
  const share = (i: number) => shares?.[i] ?? 1;
  const first = forecasts[0]!;
  return {
    monthEnd: forecasts.map((f, i) => scale(f.monthEnd, share(i))).reduce(plus),
    months: first.months.map((m, j) => ({
      ...m,
      range: forecasts.map((f, i) => scale(f.months[j]!.range, share(i))).reduce(plus),
    })),
    daily: first.daily.map((p, d) => {
      const total = forecasts.map((f, i) => scale(f.daily[d]!, share(i))).reduce(plus);
      return { time: p.time, ...total };
    }),
  };
}

function lift(point: ForecastPoint, atLeast: number): ForecastPoint {
  return {
    time: point.time,
    expected: Math.max(point.expected, atLeast),
    lower80: Math.max(point.lower80, atLeast),
    upper80: Math.max(point.upper80, atLeast),
    lower95: Math.max(point.lower95, atLeast),
    upper95: Math.max(point.upper95, atLeast),
  };
}

function sum(points: readonly ForecastPoint[]): Range {
  const total = (f: (p: ForecastPoint) => number) => points.reduce((a, p) => a + f(p), 0);
  return {
    expected: total((p) => p.expected),
    lower80: total((p) => p.lower80),
    upper80: total((p) => p.upper80),
    lower95: total((p) => p.lower95),
    upper95: total((p) => p.upper95),
  };
}

const add = (r: Range, amount: number): Range => ({
  expected: r.expected + amount,
  lower80: r.lower80 + amount,
  upper80: r.upper80 + amount,
  lower95: r.lower95 + amount,
  upper95: r.upper95 + amount,
});

function monthStart(time: number) {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextMonthStart(time: number) {
  return addMonths(monthStart(time), 1);
}
function addMonths(time: number, months: number) {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

async function spendBetween(organizationId: string, ids: readonly string[], from: number, to: number) {
  const rows = await prisma.$queryRaw<{ id: string; cost: number }[]>`
    SELECT r."subscriptionId" AS id, SUM(r."costUsd")::float8 AS cost
    FROM "UsageRecord" r JOIN "Subscription" s ON s."id" = r."subscriptionId" JOIN "Team" t ON t."id" = s."teamId"
    WHERE t."organizationId" = ${organizationId} AND r."subscriptionId" = ANY(${[...ids]}::text[])
      AND r."day" BETWEEN ${new Date(from)}::date AND ${new Date(to)}::date
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.id, r.cost]));
}
