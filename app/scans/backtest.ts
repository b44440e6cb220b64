import { costOf, priceFor } from "~/usage/pricing";
import { addDays, dayOfEpochDay, epochDayOf, startOfMonth, type Day } from "~/time/days";
import { pricedUnits, round, splitUnits, type CatalogApi, type CatalogPlan, type CostLine } from "./cost";
import { fitDaily, type DailyModel } from "./forecast";

/**
 * Monthly estimates from an organisation's usage records, and the proof of them: a backtest
 * that estimates a month the records already hold from the days before it only, and compares
 * that estimate with what the records say the month cost. (An estimate compared with the very
 * records it was computed from agrees by construction and proves nothing.) Both the estimate
 * and the backtest price days in order, as billing does: each unit's monthly allowance is
 * spent by the first days of the month. Pure: the caller loads the daily records.
 */
export type UsageDay = { day: Day; operation: string; calls: number; units: number; costUsd: number };

/** One subscription's daily usage records, up to and including `through` (the last complete day). */
export type UsageHistory = { slug: string; planId: string; through: Day; days: UsageDay[] };

/** The least history a forecast is made from: four weeks show each weekday four times. */
export const MIN_HISTORY_DAYS = 28;
/** The most history a forecast looks at: older traffic says little about next month's. */
export const MAX_HISTORY_DAYS = 120;

type OperationModel = { operation: string; calls: DailyModel; units: DailyModel };
type Split = (calls: number, units: number) => Record<string, number>;

/** A history's days in [from, to), the first recorded day (a subscription may be younger than the window). */
function window(days: UsageDay[], from: Day, to: Day) {
  const inWindow = days.filter((d) => d.day >= from && d.day < to);
  const first = inWindow.reduce<Day | null>((min, d) => (!min || d.day < min ? d.day : min), null);
  return { days: inWindow, first };
}

/** Models per operation, fitted on [from, to); null when the history holds fewer than MIN_HISTORY_DAYS. */
function fitOperations(days: UsageDay[], first: Day, to: Day): OperationModel[] | null {
  const start = epochDayOf(first);
  const end = epochDayOf(to);
  if (end - start < MIN_HISTORY_DAYS) return null;
  const byOperation = new Map<string, Map<number, UsageDay>>();
  for (const d of days) {
    const series = byOperation.get(d.operation) ?? new Map<number, UsageDay>();
    series.set(epochDayOf(d.day), d);
    byOperation.set(d.operation, series);
  }
  return [...byOperation].map(([operation, series]) => {
    // A day without a record had no usage of that operation.
    const calls = [];
    const units = [];
    for (let day = start; day < end; day++) {
      calls.push({ day, value: series.get(day)?.calls ?? 0 });
      units.push({ day, value: series.get(day)?.units ?? 0 });
    }
    return { operation, calls: fitDaily(calls)!, units: fitDaily(units)! };
  });
}

/**
 * How each operation's recorded unit total splits into the units the plan prices. Where the
 * plan leaves it open (several units priced for every operation, such as search and indexing
 * requests), the split that reproduces the history's recorded charges for that operation is
 * taken, and the choice is written down.
 */
function calibrateSplits(plan: CatalogPlan, history: UsageDay[]) {
  const splits = new Map<string, Split>();
  const assumptions = new Set<string>();
  for (const operation of new Set(history.map((d) => d.operation))) {
    const units = pricedUnits(plan, operation);
    const standard: Split = (calls, total) => splitUnits(units, calls, total).split;
    const note = splitUnits(units, 1, 1).assumption;
    const candidates: { split: Split; note?: string }[] = [{ split: standard, note }];
    if (units.length > 1)
      for (const unit of units)
        candidates.push({
          split: (_calls, total) => ({ [unit]: total }),
          note: `Recorded units of ${operation} taken as ${unit}: that reproduces the charges recorded for it.`,
        });
    const days = history.filter((d) => d.operation === operation);
    const recorded = days.reduce((s, d) => s + d.costUsd, 0);
    const scored = candidates.map((c) => ({
      ...c,
      miss: Math.abs(billDays(plan, days, new Map([[operation, c.split]])).total - recorded),
    }));
    // The standard split unless another reproduces the recorded charges clearly better.
    const best = scored.reduce((a, b) => (b.miss < a.miss - 0.01 * Math.max(recorded, 1) ? b : a));
    splits.set(operation, best.split);
    if (best.note) assumptions.add(best.note);
  }
  return { splits, assumptions };
}

/** Days of usage billed in order: each unit's allowance is per calendar month, spent by the earliest days. */
function billDays(
  plan: CatalogPlan,
  days: Omit<UsageDay, "costUsd">[],
  splits: Map<string, Split>,
  asOneMonth = false,
) {
  const ordered = [...days].sort((a, b) => a.day.localeCompare(b.day) || a.operation.localeCompare(b.operation));
  const used = new Map<string, number>();
  const lines = new Map<string, CostLine>();
  let month = "";
  let total = 0;
  for (const d of ordered) {
    if (!asOneMonth && d.day.slice(0, 7) !== month) {
      month = d.day.slice(0, 7);
      used.clear();
    }
    const split = (splits.get(d.operation) ?? ((_c, u) => splitUnits(pricedUnits(plan, d.operation), _c, u).split))(
      d.calls,
      d.units,
    );
    const line = lines.get(d.operation) ?? { operation: d.operation, monthlyCalls: 0, units: [], cost: 0 };
    line.monthlyCalls += d.calls;
    for (const [unit, quantity] of Object.entries(split)) {
      const price = priceFor(plan.unitPrices, unit, d.operation);
      const before = used.get(unit) ?? 0;
      used.set(unit, before + quantity);
      const cost = costOf(price, quantity, before);
      let entry = line.units.find((u) => u.unit === unit);
      if (!entry) line.units.push((entry = { unit, quantity: 0, pricePerUnit: price?.pricePerUnit ?? 0, cost: 0 }));
      entry.quantity += quantity;
      entry.cost += cost;
      line.cost += cost;
      total += cost;
    }
    lines.set(d.operation, line);
  }
  return { total, lines: [...lines.values()].map((l) => ({ ...l, monthlyCalls: Math.round(l.monthlyCalls) })) };
}

/** Expected usage on each day of [from, to) from the models. */
function forecastDays(models: OperationModel[], from: Day, to: Day) {
  const out: Omit<UsageDay, "costUsd">[] = [];
  for (let n = epochDayOf(from); n < epochDayOf(to); n++)
    for (const m of models)
      out.push({ day: dayOfEpochDay(n), operation: m.operation, calls: m.calls.predict(n), units: m.units.predict(n) });
  return out;
}

export type Forecast = {
  /** The days priced: the 30 after the last complete day of the history. */
  from: Day;
  to: Day;
  historyFrom: Day;
  historyTo: Day;
  /** Usage charges of the operations in scope, and the plan's fee when the scope is the whole subscription. */
  usage: number;
  fee: number;
  lines: CostLine[];
  assumptions: string[];
};

/** Days a monthly estimate prices: a month ahead, the same horizon the backtest checks. */
export const FORECAST_DAYS = 30;

/**
 * Which operations of a subscription a scope covers: the operations the code calls (all when
 * not given). The whole subscription is always forecast and billed (its allowance is shared
 * by every operation, spent in time order), and only the scope's lines are counted; the plan's
 * fee counts only when the scope covers every operation the subscription records.
 */
export type Scope = { operations?: string[] };

const inScope = (scope: Scope, operation: string) => !scope.operations || scope.operations.includes(operation);
function coversAll(scope: Scope, history: UsageHistory) {
  return !scope.operations || history.days.every((d) => scope.operations!.includes(d.operation));
}

/** One subscription's forecast bill for [from, to), from its history before `from` (at most MAX_HISTORY_DAYS of it). */
function forecastPeriod(plan: CatalogPlan, history: UsageHistory, from: Day, to: Day, asOneMonth = false) {
  const training = window(history.days, addDays(from, -MAX_HISTORY_DAYS), from);
  if (!training.first) return null;
  const models = fitOperations(training.days, training.first, from);
  if (!models) return null;
  const { splits, assumptions } = calibrateSplits(plan, training.days);
  const bill = billDays(plan, forecastDays(models, from, to), splits, asOneMonth);
  return { historyFrom: training.first, models, splits, lines: bill.lines, assumptions: [...assumptions] };
}

/** The next 30 days' usage charges of the scope's operations, from the history, priced as one month. */
export function forecastNextMonth(plan: CatalogPlan, history: UsageHistory, scope: Scope = {}): Forecast | null {
  const from = addDays(history.through, 1);
  const to = addDays(from, FORECAST_DAYS);
  const forecast = forecastPeriod(plan, history, from, to, true);
  if (!forecast) return null;
  const lines = forecast.lines.filter((l) => inScope(scope, l.operation));
  return {
    from,
    to,
    historyFrom: forecast.historyFrom,
    historyTo: history.through,
    usage: lines.reduce((s, l) => s + l.cost, 0),
    fee: coversAll(scope, history) ? plan.monthlyFee : 0,
    lines,
    assumptions: forecast.assumptions,
  };
}

export type Backtest = {
  provider: string;
  name: string;
  /** The month estimated ("2026-11") and the days the estimate was made from. */
  month: string;
  historyFrom: Day;
  historyTo: Day;
  /** Usage charges of the operations in scope, plus the plan's fee when the scope is the whole subscription. */
  estimate: number;
  actual: number;
  /** (estimate − actual) / actual in percent; null when the month cost nothing. */
  errorPct: number | null;
  errorUsd: number;
  /**
   * Days of the month far off what its history led to expect (a spike, an outage): no
   * estimate made before them could know of them. With them at their expected level, the
   * month would have cost `actualWithoutUnusual` (priced as billed).
   */
  unusualDays: { day: Day; operation: string; expected: number; recorded: number }[];
  actualWithoutUnusual: number | null;
  errorPctWithoutUnusual: number | null;
};

/**
 * The last complete calendar month of the history, estimated from the days before it alone
 * and priced as its bill is, against what the records say it cost (plus the plan's fee).
 */
export function backtestLastMonth(input: {
  provider: string;
  name: string;
  catalog: CatalogApi;
  histories: UsageHistory[];
  scope?: Scope;
}): Backtest | null {
  const scope = input.scope ?? {};
  const histories = input.histories.filter((h) => h.slug === input.catalog.slug);
  if (!histories.length) return null;
  const through = histories[0]!.through;
  const after = addDays(through, 1);
  const monthStart =
    after === startOfMonth(after) ? startOfMonth(through) : startOfMonth(addDays(startOfMonth(through), -1));
  const nextMonth = startOfMonth(addDays(monthStart, 32));
  let estimate = 0;
  let actual = 0;
  let counterfactual = 0;
  let historyFrom: Day | null = null;
  const unusualDays: Backtest["unusualDays"] = [];
  for (const history of histories) {
    const plan = input.catalog.plans.find((p) => p.id === history.planId) ?? input.catalog.plans[0]!;
    const forecast = forecastPeriod(plan, history, monthStart, nextMonth);
    if (!forecast) return null;
    if (!historyFrom || forecast.historyFrom < historyFrom) historyFrom = forecast.historyFrom;
    const fee = coversAll(scope, history) ? plan.monthlyFee : 0;
    const scoped = (lines: CostLine[]) =>
      lines.filter((l) => inScope(scope, l.operation)).reduce((s, l) => s + l.cost, 0);
    estimate += fee + scoped(forecast.lines);
    const month = history.days.filter((d) => d.day >= monthStart && d.day < nextMonth);
    actual += fee + month.filter((d) => inScope(scope, d.operation)).reduce((s, d) => s + d.costUsd, 0);
    const normal = month.map((d) => {
      const model = forecast.models.find((m) => m.operation === d.operation);
      if (!model) return d;
      const n = epochDayOf(d.day);
      const expected = model.calls.predict(n);
      if (Math.abs(d.calls - expected) <= Math.max(6 * model.calls.spread, 0.75 * expected, 5)) return d;
      if (inScope(scope, d.operation))
        unusualDays.push({ day: d.day, operation: d.operation, expected: Math.round(expected), recorded: d.calls });
      return { ...d, calls: expected, units: model.units.predict(n) };
    });
    counterfactual += fee + scoped(billDays(plan, normal, forecast.splits).lines);
  }
  const pct = (a: number, b: number) => (b > 0 ? round(((a - b) / b) * 100) : null);
  return {
    provider: input.provider,
    name: input.name,
    month: monthStart.slice(0, 7),
    historyFrom: historyFrom!,
    historyTo: addDays(monthStart, -1),
    estimate: round(estimate),
    actual: round(actual),
    errorPct: pct(estimate, actual),
    errorUsd: round(estimate - actual),
    unusualDays: unusualDays.sort((a, b) => a.day.localeCompare(b.day) || a.operation.localeCompare(b.operation)),
    actualWithoutUnusual: unusualDays.length ? round(counterfactual) : null,
    errorPctWithoutUnusual: unusualDays.length ? pct(estimate, counterfactual) : null,
  };
}
