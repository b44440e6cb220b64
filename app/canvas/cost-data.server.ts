import { budgetView } from "~/usage/budget";
import { addDays, bucketsBetween, daysInMonth, startOfMonth, toDay, type Day } from "~/time/days";
import { costCenterSpend, listSpendSubjects, listSubscriptions, spendSeries, spendTotals } from "~/usage/spend.server";
import {
  bindingKey,
  type CardBinding,
  type CardData,
  type ChartBinding,
  type ChartData,
  type CostBinding,
  type CostDataResponse,
  type TotalBinding,
  type TotalData,
} from "./cost-bindings";
import { anomalyDays } from "~/intelligence/anomalies.server";
import { subscriptionForecasts } from "~/intelligence/forecasts.server";
import { periodRange } from "./period";

/**
 * The numbers behind the cost shapes of a canvas, for one organisation, read fresh from
 * the daily aggregates on every call (a canvas asks every REFRESH_SECONDS).
 */
export const SPARKLINE_DAYS = 90;

export async function costDataFor(
  organizationId: string,
  bindings: readonly CostBinding[],
  now = new Date(),
): Promise<CostDataResponse> {
  const today = toDay(now);
  const unique = new Map(bindings.map((b) => [bindingKey(b), b]));
  const cards = [...unique.values()].filter((b): b is CardBinding => b.kind === "card");
  const others = [...unique.values()].filter((b) => b.kind !== "card");
  const [cardResults, subjects] = await Promise.all([
    cardData(organizationId, cards, today, now),
    others.length ? listSpendSubjects(organizationId) : null,
  ]);
  const results: CostDataResponse["results"] = { ...cardResults };
  await Promise.all(
    others.map(async (binding) => {
      results[bindingKey(binding)] =
        binding.kind === "chart"
          ? await chartData(organizationId, binding, today, subjects!)
          : await totalData(organizationId, binding as TotalBinding, today, subjects!);
    }),
  );
  return { asOf: now.toISOString(), results };
}

async function cardData(
  organizationId: string,
  cards: CardBinding[],
  today: Day,
  now: Date,
): Promise<CostDataResponse["results"]> {
  if (cards.length === 0) return {};
  const ids = cards.map((c) => c.subscriptionId);
  const from = addDays(today, -(SPARKLINE_DAYS - 1));
  const [subscriptions, daily, forecasts, anomalies] = await Promise.all([
    listSubscriptions(organizationId, ids),
    spendSeries({ organizationId, from, to: today, groupBy: "subscription", bucket: "day", ids }),
    subscriptionForecasts(organizationId, ids, now),
    anomalyDays(organizationId, ids, from, today),
  ]);
  const days = bucketsBetween(from, today, "day");
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const lines = new Map(ids.map((id) => [id, new Array<number>(days.length).fill(0)]));
  for (const row of daily) lines.get(row.key)![dayIndex.get(row.bucket)!] = row.costUsd;

  const monthStart = startOfMonth(today);
  const dayOfMonth = Number(today.slice(8, 10));
  const results: CostDataResponse["results"] = {};
  for (const card of cards) {
    const key = bindingKey(card);
    const subscription = subscriptions.find((s) => s.id === card.subscriptionId);
    if (!subscription) {
      results[key] = { kind: "missing", message: "This subscription no longer exists in your organisation." };
      continue;
    }
    const line = lines.get(card.subscriptionId)!;
    const forecast = forecasts.get(card.subscriptionId)?.monthEnd ?? null;
    const monthToDateUsd = line.slice(dayIndex.get(monthStart) ?? 0).reduce((a, b) => a + b, 0);
    const planFeeUsd = subscription.plan.monthlyFeeUsd;
    const data: CardData = {
      kind: "card",
      apiName: subscription.api.name,
      apiCategory: subscription.api.category,
      planName: subscription.plan.name,
      teamName: subscription.team.name,
      planFeeUsd,
      monthToDateUsd,
      budget: budgetView({
        budgetUsd: subscription.monthlyBudgetUsd,
        spentUsd: monthToDateUsd + planFeeUsd,
        fixedUsd: planFeeUsd,
        dayOfMonth,
        daysInMonth: daysInMonth(today),
        forecast,
      }),
      sparkline: line,
      sparklineFrom: from,
      anomalies: (anomalies.get(card.subscriptionId) ?? []).map((a) => ({
        index: dayIndex.get(a.day)!,
        severity: a.severity,
      })),
      forecast: forecast && { expected: forecast.expected, lower80: forecast.lower80, upper80: forecast.upper80 },
    };
    results[key] = data;
  }
  return results;
}

type Subjects = Awaited<ReturnType<typeof listSpendSubjects>>;

async function chartData(
  organizationId: string,
  chart: ChartBinding,
  today: Day,
  subjects: Subjects,
): Promise<ChartData> {
  const { from, to, bucket } = periodRange(chart.period, today);
  const buckets = bucketsBetween(from, to, bucket);
  if (chart.ids.length === 0) return { kind: "chart", bucket, buckets, series: [], totalUsd: 0 };
  const [rows, names] = await Promise.all([
    spendSeries({ organizationId, from, to, groupBy: chart.groupBy, bucket, ids: chart.ids }),
    chart.groupBy === "subscription"
      ? listSubscriptions(organizationId, chart.ids).then(
          (subs) => new Map(subs.map((s) => [s.id, `${s.api.name} · ${s.team.name}`])),
        )
      : new Map((chart.groupBy === "api" ? subjects.apis : subjects.teams).map((s) => [s.id, s.name])),
  ]);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const series = chart.ids
    .filter((id) => names.has(id))
    .map((id) => {
      const points = new Array<number>(buckets.length).fill(0);
      for (const row of rows) if (row.key === id) points[index.get(row.bucket)!] = row.costUsd;
      return { id, name: names.get(id)!, points, totalUsd: points.reduce((a, b) => a + b, 0) };
    });
  return { kind: "chart", bucket, buckets, series, totalUsd: series.reduce((a, s) => a + s.totalUsd, 0) };
}

async function totalData(
  organizationId: string,
  total: TotalBinding,
  today: Day,
  subjects: Subjects,
): Promise<TotalData | { kind: "missing"; message: string }> {
  const { from, to } = periodRange(total.period, today);
  const team = total.groupBy === "team" ? subjects.teams.find((t) => t.id === total.id) : undefined;
  const costCenter = total.groupBy === "costCenter" ? subjects.costCenters.find((c) => c.id === total.id) : undefined;
  const subject = team ?? costCenter;
  if (!subject)
    return {
      kind: "missing",
      message: total.id === null ? "Choose what to total." : "It no longer exists in your organisation.",
    };
  const [row] =
    total.groupBy === "team"
      ? await spendTotals({ organizationId, from, to, groupBy: "team", ids: [subject.id] })
      : await costCenterSpend({ organizationId, from, to, ids: [subject.id] });
  const costUsd = row?.costUsd ?? 0;
  let budgetUsd: number | null = null;
  if (total.period === "month") {
    if (costCenter) budgetUsd = costCenter.monthlyBudgetUsd;
    else {
      const budgets = (await listSubscriptions(organizationId)).filter(
        (s) => s.team.id === subject.id && s.monthlyBudgetUsd !== null,
      );
      budgetUsd = budgets.length ? budgets.reduce((a, s) => a + s.monthlyBudgetUsd!, 0) : null;
    }
  }
  return {
    kind: "total",
    name: subject.name,
    costUsd,
    from,
    to,
    budget:
      total.period === "month"
        ? budgetView({
            budgetUsd,
            spentUsd: costUsd,
            dayOfMonth: Number(today.slice(8, 10)),
            daysInMonth: daysInMonth(today),
          })
        : null,
  };
}

/** The side panel's list: every subscription of the organisation with its spend this month. */
export async function canvasCatalog(organizationId: string, now = new Date()) {
  const today = toDay(now);
  const [subscriptions, totals, subjects] = await Promise.all([
    listSubscriptions(organizationId),
    spendTotals({ organizationId, from: startOfMonth(today), to: today, groupBy: "subscription" }),
    listSpendSubjects(organizationId),
  ]);
  const monthToDate = new Map(totals.map((t) => [t.key, t.costUsd]));
  return {
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      apiName: s.api.name,
      planName: s.plan.name,
      teamName: s.team.name,
      status: s.status,
      monthToDateUsd: monthToDate.get(s.id) ?? 0,
    })),
    ...subjects,
  };
}
export type CanvasCatalog = Awaited<ReturnType<typeof canvasCatalog>>;
