import type { Finding } from "~/scanner/types";
import { formatUsd } from "~/format/numbers";
import { costOf, priceFor, type UnitPrice } from "~/usage/pricing";
import { backtestLastMonth, forecastNextMonth, FORECAST_DAYS, type Backtest, type UsageHistory } from "./backtest";

/**
 * Monthly cost of what the code calls, per provider, priced on the marketplace catalog's
 * plans: forecast from the organisation's daily usage records where a subscription has them
 * (with a backtest that shows how far the same forecast was from a past month's bill),
 * otherwise from monthly volumes people enter per operation. Every assumption is written
 * down next to the number. Pure: the caller loads plans, usage and volumes.
 */
export type CatalogPlan = { id: string; name: string; monthlyFee: number; unitPrices: UnitPrice[] };
export type CatalogApi = { slug: string; name: string; category: string; plans: CatalogPlan[] };

export type Volume = {
  provider: string;
  operation: string;
  monthlyCalls: number;
  unitsPerCall: Record<string, number>;
};

export type CostLine = {
  operation: string;
  monthlyCalls: number;
  units: { unit: string; quantity: number; pricePerUnit: number; cost: number }[];
  cost: number;
};

/** Where a call site's share of the cost comes from. */
export type CallSite = { file: string; line: number; operation: string };

export type ProviderCost = {
  provider: string;
  name: string;
  catalogSlug: string | null;
  basis: "usage" | "volumes" | "none";
  /**
   * The traffic model the estimate rests on, in words: the organisation's usage records of the
   * operations this code calls, or monthly volumes per operation (entered or from a usage file).
   */
  trafficModel: string | null;
  /** Each call site of a priced operation with its share of the operation's monthly cost (split evenly, and said so). */
  callSites: (CallSite & { monthlyCost: number })[];
  plan: { id: string; name: string; monthlyFee: number } | null;
  lines: CostLine[];
  monthlyEstimate: number | null;
  /** How far the same forecast, made before it, was from the last complete month's bill. */
  backtest: Backtest | null;
  /** Operations the code calls that have neither usage nor a volume. */
  missingVolumes: string[];
  assumptions: string[];
};

/** Units counted once per call: a transaction, a request, a message. */
const PER_CALL_UNITS = new Set(["request", "transaction", "search_request", "indexing_request", "map_load"]);
/** How token usage splits when a record only gives the total: prompts are usually longer than answers. */
export const TOKEN_SPLIT = { input_token: 0.75, output_token: 0.25 } as const;

export function pricedUnits(plan: CatalogPlan, operation: string) {
  const units = new Set<string>();
  for (const p of plan.unitPrices) if (p.operation === operation || p.operation === null) units.add(p.unit);
  return [...units];
}

/**
 * Usage records keep one unit total per operation and day. Split it back into the units the
 * plan prices: per-call units get one per call, tokens split 3:1 input to output, and what
 * remains goes to the last unit. Returned with the assumption used, if any.
 */
export function splitUnits(
  units: string[],
  calls: number,
  total: number,
): { split: Record<string, number>; assumption?: string } {
  if (units.length === 0) return { split: {} };
  if (units.length === 1) return { split: { [units[0]!]: total } };
  const split: Record<string, number> = {};
  let remaining = total;
  const perCall = units.filter((u) => PER_CALL_UNITS.has(u));
  const rest = units.filter((u) => !PER_CALL_UNITS.has(u));
  for (const u of perCall) {
    split[u] = calls;
    remaining -= calls;
  }
  remaining = Math.max(0, remaining);
  if (rest.length === 0) return { split };
  if (rest.every((u) => u in TOKEN_SPLIT)) {
    for (const u of rest) split[u] = remaining * TOKEN_SPLIT[u as keyof typeof TOKEN_SPLIT];
    return { split, assumption: "Tokens split 75% input, 25% output (usage records keep only their total)." };
  }
  for (const u of rest.slice(0, -1)) split[u] = 0;
  split[rest.at(-1)!] = remaining;
  return {
    split,
    assumption: perCall.length
      ? `One ${perCall.join(" and one ")} per call; the rest of the recorded units are ${rest.at(-1)}.`
      : undefined,
  };
}

/** A plan's monthly cost for given monthly units per operation (the allowance is shared across operations, as billing does). */
export function priceOnPlan(
  plan: CatalogPlan,
  demand: { operation: string; monthlyCalls: number; units: Record<string, number> }[],
) {
  const used = new Map<string, number>();
  const lines: CostLine[] = demand.map((d) => {
    const units = Object.entries(d.units).map(([unit, quantity]) => {
      const price = priceFor(plan.unitPrices, unit, d.operation);
      const before = used.get(unit) ?? 0;
      used.set(unit, before + quantity);
      return { unit, quantity, pricePerUnit: price?.pricePerUnit ?? 0, cost: costOf(price, quantity, before) };
    });
    return { operation: d.operation, monthlyCalls: d.monthlyCalls, units, cost: units.reduce((s, u) => s + u.cost, 0) };
  });
  return { lines, total: plan.monthlyFee + lines.reduce((s, l) => s + l.cost, 0) };
}

/**
 * Whether a plan can carry this demand: a unit included in the fee with no price beyond it
 * is a cap (a free tier), not free usage.
 */
export function planFits(plan: CatalogPlan, demand: { operation: string; units: Record<string, number> }[]) {
  const totals = new Map<string, number>();
  for (const d of demand) {
    for (const [unit, quantity] of Object.entries(d.units)) {
      const price = priceFor(plan.unitPrices, unit, d.operation);
      if (price && price.pricePerUnit === 0 && price.includedUnits > 0) {
        const key = `${unit}|${price.operation ?? "*"}`;
        totals.set(key, (totals.get(key) ?? 0) + quantity);
        if (totals.get(key)! > price.includedUnits) return false;
      }
    }
  }
  return true;
}

export function estimateProviderCost(input: {
  provider: string;
  name: string;
  catalog: CatalogApi | null;
  usage: UsageHistory[];
  volumes: Volume[];
  calledOperations: string[];
  /** Where the code calls each operation (for the cost per call site). */
  callSites?: CallSite[];
  /** How entered volumes are described ("a usage file", "volumes entered on the page"). */
  volumesFrom?: string;
}): ProviderCost {
  const base: ProviderCost = {
    provider: input.provider,
    name: input.name,
    catalogSlug: input.catalog?.slug ?? null,
    basis: "none",
    trafficModel: null,
    callSites: [],
    plan: null,
    lines: [],
    monthlyEstimate: null,
    backtest: null,
    missingVolumes: [],
    assumptions: [],
  };
  const api = input.catalog;
  if (!api || api.plans.length === 0) {
    return {
      ...base,
      assumptions: [`${input.name} is not in the marketplace catalog, so there are no plans to price it with.`],
    };
  }

  const recorded = input.usage.filter((u) => u.slug === api.slug && u.days.length > 0);
  if (recorded.length && input.calledOperations.length === 0) {
    // An organisation's whole spend is not this code's: without an operation to attribute, say so.
    return {
      ...base,
      assumptions: [
        `The organisation has ${api.name} usage records, but no call in this code maps to one of its priced operations, so none of that spend is attributed to this code. Enter monthly volumes to price it.`,
      ],
    };
  }
  if (recorded.length) {
    // Usage records: forecast each subscription's next month, and count the operations this code calls.
    const scope = { operations: input.calledOperations };
    const assumptions = new Set<string>();
    let estimate = 0;
    const lines: CostLine[] = [];
    let shownPlan: CatalogPlan | null = null;
    let fee = 0;
    for (const sub of recorded) {
      const plan = api.plans.find((p) => p.id === sub.planId) ?? api.plans[0]!;
      shownPlan ??= plan;
      const forecast = forecastNextMonth(plan, sub, scope);
      if (!forecast) {
        assumptions.add(
          `A subscription has less than four weeks of usage records: too little to forecast a month from, so it is left out.`,
        );
        continue;
      }
      lines.push(...forecast.lines);
      estimate += forecast.fee + forecast.usage;
      fee += forecast.fee;
      for (const a of forecast.assumptions) assumptions.add(a);
      assumptions.add(
        `The next ${FORECAST_DAYS} days (${forecast.from} to ${forecast.to}, exclusive) forecast from the usage records of ${forecast.historyFrom} to ${forecast.historyTo}: a trend and a level per weekday, unusual days left out; priced on the "${plan.name}" plan day by day, as billing spends the allowance.`,
      );
      if (!forecast.fee && plan.monthlyFee)
        assumptions.add(
          `The plan's ${formatUsd(plan.monthlyFee)} monthly fee is not counted: the subscription also serves operations this code does not call.`,
        );
    }
    if (!lines.length && !fee) return { ...base, assumptions: [...assumptions] };
    const missing = input.calledOperations.filter((op) => !lines.some((l) => l.operation === op));
    const recordedOps = [...new Set(recorded.flatMap((r) => r.days.map((d) => d.operation)))];
    const excluded = recordedOps.filter((op) => !input.calledOperations.includes(op));
    return {
      ...base,
      basis: "usage",
      trafficModel: `The organisation's usage records, attributed only to the operations this code calls (${input.calledOperations.join(", ")})${excluded.length ? `; ${excluded.join(", ")} ${excluded.length === 1 ? "is" : "are"} recorded too but not called here, so not counted` : ""}.`,
      callSites: perCallSite(lines, input.callSites ?? []),
      plan: shownPlan && { id: shownPlan.id, name: shownPlan.name, monthlyFee: shownPlan.monthlyFee },
      lines,
      monthlyEstimate: round(estimate),
      backtest: backtestLastMonth({
        provider: input.provider,
        name: input.name,
        catalog: api,
        histories: recorded,
        scope,
      }),
      missingVolumes: missing,
      assumptions: [...assumptions],
    };
  }

  const volumes = input.volumes.filter((v) => v.provider === input.provider && v.monthlyCalls > 0);
  const missing = input.calledOperations.filter((op) => !volumes.some((v) => v.operation === op));
  if (!volumes.length) {
    return {
      ...base,
      missingVolumes: missing,
      assumptions: [
        "No usage records and no volumes yet: enter monthly calls for the operations the code makes to see a cost.",
      ],
    };
  }
  // Entered volumes: price on every plan and show the cheapest for that demand.
  const demandFor = (plan: CatalogPlan) =>
    volumes.map((v) => ({
      operation: v.operation,
      monthlyCalls: v.monthlyCalls,
      units: Object.fromEntries(
        pricedUnits(plan, v.operation).map((unit) => [unit, v.monthlyCalls * (v.unitsPerCall[unit] ?? 1)]),
      ),
    }));
  const priced = api.plans
    .filter((plan) => planFits(plan, demandFor(plan)))
    .map((plan) => ({ plan, ...priceOnPlan(plan, demandFor(plan)) }))
    .sort((a, b) => a.total - b.total);
  const best = priced[0];
  if (!best) {
    return {
      ...base,
      missingVolumes: missing,
      assumptions: [`No ${api.name} plan in the catalog carries these volumes.`],
    };
  }
  const assumptions = [
    `Monthly volumes entered for ${volumes.map((v) => v.operation).join(", ")}, priced on the cheapest plan for them: "${best.plan.name}".`,
  ];
  if (volumes.some((v) => Object.keys(v.unitsPerCall).length === 0))
    assumptions.push("One unit per call where no units per call were entered.");
  return {
    ...base,
    basis: "volumes",
    trafficModel: `Monthly calls per operation from ${input.volumesFrom ?? "volumes entered on the page"} (${volumes.map((v) => `${v.operation}: ${v.monthlyCalls.toLocaleString("en")}`).join(", ")}).`,
    callSites: perCallSite(best.lines, input.callSites ?? []),
    plan: { id: best.plan.id, name: best.plan.name, monthlyFee: best.plan.monthlyFee },
    lines: best.lines,
    monthlyEstimate: round(best.total),
    missingVolumes: missing,
    assumptions,
  };
}

/** Where the shipping code calls each of a provider's priced operations. */
export function callSitesOf(findings: Finding[], provider: string): CallSite[] {
  return findings
    .filter((f) => f.provider === provider && f.operation && f.context_kind === "code")
    .map((f) => ({ file: f.file, line: f.line, operation: f.operation! }));
}

/** Each call site's share of its operation's monthly cost: the records say how much an operation costs, not which site made the calls, so it is split evenly. */
function perCallSite(lines: CostLine[], sites: CallSite[]) {
  return sites.map((site) => {
    const cost = lines.filter((l) => l.operation === site.operation).reduce((s, l) => s + l.cost, 0);
    const count = sites.filter((s) => s.operation === site.operation).length;
    return { ...site, monthlyCost: round(cost / count) };
  });
}

export function round(n: number) {
  return Math.round(n * 100) / 100;
}
