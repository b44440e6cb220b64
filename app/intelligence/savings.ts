import { planFits, priceOnPlan, pricedUnits, splitUnits, type CatalogApi, type CatalogPlan } from "~/scans/cost";
import { formatUsd } from "~/format/numbers";
import { repriceLines } from "~/scans/recommendations";
import { MS_PER_DAY } from "~/time/days";

/**
 * Ways to spend less, found in an organisation's usage (the scans capability finds them in
 * code; the pricing arithmetic is the same, app/scans/cost.ts). Each opportunity says what
 * it would save a month, the numbers behind it and how it was worked out. Pure: the server
 * module loads usage, plans and fingerprint counts.
 *
 * - unused subscription: a plan with a fixed fee and no calls for 30 days;
 * - over-provisioned plan: less than half of a plan's included volume used, and a smaller
 *   plan of the same API carries the same usage for less;
 * - cheaper plan: another plan of the same API carries the last 30 days' usage for less;
 * - cheaper alternative: an API of the same category with equivalent operations would;
 * - caching: calls repeated with identical requests (same fingerprint) on the same day.
 */
export const WINDOW_DAYS = 30;
/** Smallest saving worth showing, and the share of the bill a switch of provider must save. */
const MIN_SAVING_USD = 5;
const MIN_ALTERNATIVE_SHARE = 0.15;
const MIN_ALTERNATIVE_USD = 20;
/** Of repeated identical calls, the share a cache would answer (entries expire, first calls miss). */
export const CACHE_HIT_RATE = 0.8;

export type SubscriptionUsage = {
  subscriptionId: string;
  label: string;
  apiSlug: string;
  planId: string;
  startedAt: Date;
  /** The last day with calls, if any. */
  lastCallDay: string | null;
  /** The last WINDOW_DAYS complete days, per operation. */
  operations: { operation: string; calls: number; units: number; costUsd: number }[];
  /** Identical calls after the first of their fingerprint on a day, and what they cost. */
  repeats: { operation: string; calls: number; repeatedCalls: number; repeatedCostUsd: number }[];
};

export type Opportunity = {
  key: string;
  kind: "UNUSED_SUBSCRIPTION" | "OVERPROVISIONED_PLAN" | "CHEAPER_PLAN" | "CHEAPER_ALTERNATIVE" | "CACHING";
  subscriptionId: string;
  title: string;
  monthlySavingUsd: number;
  evidence: { label: string; value: string }[];
  method: string;
};

const usd = (amount: number) => formatUsd(amount, "rounded");
const count = (n: number) => Math.round(n).toLocaleString("en-US");
const round2 = (n: number) => Math.round(n * 100) / 100;

export function findOpportunities(
  usage: readonly SubscriptionUsage[],
  catalog: ReadonlyMap<string, CatalogApi>,
  today: Date,
): Opportunity[] {
  const out: Opportunity[] = [];
  for (const sub of usage) {
    const api = catalog.get(sub.apiSlug);
    const plan = api?.plans.find((p) => p.id === sub.planId);
    if (!api || !plan) continue;
    const calls = sub.operations.reduce((a, o) => a + o.calls, 0);
    const ageDays = (today.getTime() - sub.startedAt.getTime()) / MS_PER_DAY;

    if (plan.monthlyFee > 0 && calls === 0 && ageDays >= WINDOW_DAYS) {
      out.push({
        key: `unused:${sub.subscriptionId}`,
        kind: "UNUSED_SUBSCRIPTION",
        subscriptionId: sub.subscriptionId,
        title: `Cancel ${sub.label}: no calls in ${WINDOW_DAYS} days`,
        monthlySavingUsd: plan.monthlyFee,
        evidence: [
          { label: "Plan", value: `${plan.name} (${usd(plan.monthlyFee)} a month)` },
          { label: `Calls in the last ${WINDOW_DAYS} days`, value: "0" },
          { label: "Last call", value: sub.lastCallDay ?? "never" },
        ],
        method: `The plan's fixed monthly fee is paid whether or not the subscription is used; with no calls for ${WINDOW_DAYS} days, cancelling saves the fee.`,
      });
      continue;
    }
    if (calls === 0) continue;

    const demand = sub.operations.map((o) => ({
      operation: o.operation,
      monthlyCalls: o.calls,
      units: splitUnits(pricedUnits(plan, o.operation), o.calls, o.units).split,
    }));
    const assumptions = new Set(
      sub.operations
        .map((o) => splitUnits(pricedUnits(plan, o.operation), o.calls, o.units).assumption)
        .filter(Boolean),
    );
    const current = priceOnPlan(plan, demand).total;
    const basis = `the last ${WINDOW_DAYS} complete days of usage (${count(calls)} calls) priced on each plan with its fee and included units, as billing does${assumptions.size ? `; ${[...assumptions].join(" ")}` : ""}`;

    const options = api.plans
      .filter((p) => p.id !== plan.id && planFits(p, demand))
      .map((p) => ({ plan: p, total: priceOnPlan(p, demand).total }))
      .sort((a, b) => a.total - b.total);
    const best = options[0];
    if (best && current - best.total >= Math.max(MIN_SAVING_USD, 0.05 * current)) {
      const utilisation = includedUse(plan, demand);
      const overProvisioned = plan.monthlyFee > 0 && utilisation !== null && utilisation < 0.5;
      out.push({
        key: `plan:${sub.subscriptionId}:${best.plan.id}`,
        kind: overProvisioned ? "OVERPROVISIONED_PLAN" : "CHEAPER_PLAN",
        subscriptionId: sub.subscriptionId,
        title: overProvisioned
          ? `${sub.label} uses ${Math.round(utilisation! * 100)}% of what "${plan.name}" includes: "${best.plan.name}" costs less`
          : `Move ${sub.label} to "${best.plan.name}"`,
        monthlySavingUsd: round2(current - best.total),
        evidence: [
          { label: `On "${plan.name}" (now)`, value: usd(current) },
          { label: `On "${best.plan.name}"`, value: usd(best.total) },
          ...(utilisation !== null
            ? [{ label: "Included volume used", value: `${Math.round(utilisation * 100)}%` }]
            : []),
          ...sub.operations
            .slice()
            .sort((a, b) => b.costUsd - a.costUsd)
            .slice(0, 3)
            .map((o) => ({ label: o.operation, value: `${count(o.calls)} calls, ${usd(o.costUsd)}` })),
        ],
        method: `From ${basis}. The cheapest plan of ${api.name} that carries the same usage (a free tier's cap counts) is compared with the current one.${api.category === "ai" ? " A different model may answer differently: try it before switching." : ""}`,
      });
    }

    const alternatives = [...catalog.values()]
      .filter((other) => other.slug !== api.slug && other.category === api.category)
      .flatMap((other) =>
        other.plans.map((p) => ({
          api: other,
          plan: p,
          total: repriceLines(api.slug, linesOf(plan, demand), other.slug, p),
        })),
      )
      .filter((a): a is { api: CatalogApi; plan: CatalogPlan; total: number } => a.total !== null)
      .sort((a, b) => a.total - b.total);
    const alternative = alternatives[0];
    const cheapestHere = Math.min(current, best?.total ?? current);
    if (
      alternative &&
      cheapestHere - alternative.total >= Math.max(MIN_ALTERNATIVE_USD, MIN_ALTERNATIVE_SHARE * cheapestHere)
    ) {
      out.push({
        key: `alternative:${sub.subscriptionId}:${alternative.plan.id}`,
        kind: "CHEAPER_ALTERNATIVE",
        subscriptionId: sub.subscriptionId,
        title: `${alternative.api.name} ("${alternative.plan.name}") would carry ${sub.label}'s usage for less`,
        monthlySavingUsd: round2(cheapestHere - alternative.total),
        evidence: [
          { label: `${api.name} now`, value: usd(current) },
          ...(best && best.total < current ? [{ label: `${api.name}, cheapest plan`, value: usd(best.total) }] : []),
          { label: `${alternative.api.name}, "${alternative.plan.name}"`, value: usd(alternative.total) },
          { label: "Operations compared", value: sub.operations.map((o) => o.operation).join(", ") },
        ],
        method: `From ${basis}. Each operation is priced at ${alternative.api.name}'s equivalent operation, unit for unit; an alternative is shown only if it covers every operation used and saves at least ${MIN_ALTERNATIVE_SHARE * 100}% and ${usd(MIN_ALTERNATIVE_USD)} a month. Migration work is not counted.`,
      });
    }

    const repeated = sub.repeats.filter((r) => r.repeatedCalls > 0);
    const repeatedCost = repeated.reduce((a, r) => a + r.repeatedCostUsd, 0) * CACHE_HIT_RATE;
    if (repeatedCost >= MIN_SAVING_USD) {
      const fingerprinted = sub.repeats.reduce((a, r) => a + r.calls, 0);
      const repeatedCalls = repeated.reduce((a, r) => a + r.repeatedCalls, 0);
      out.push({
        key: `caching:${sub.subscriptionId}`,
        kind: "CACHING",
        subscriptionId: sub.subscriptionId,
        title: `Cache ${sub.label}'s repeated calls: ${Math.round((100 * repeatedCalls) / Math.max(1, fingerprinted))}% repeat an identical request`,
        monthlySavingUsd: round2(repeatedCost),
        evidence: [
          { label: "Calls with a fingerprint", value: count(fingerprinted) },
          { label: "Repeats of a request made earlier the same day", value: count(repeatedCalls) },
          ...repeated
            .sort((a, b) => b.repeatedCostUsd - a.repeatedCostUsd)
            .slice(0, 3)
            .map((r) => ({
              label: r.operation,
              value: `${count(r.repeatedCalls)} repeats, ${usd(r.repeatedCostUsd)}`,
            })),
        ],
        method: `Usage events that carry a requestFingerprint are grouped by fingerprint and day; every call after the first of a group repeated an identical request. A cache answering ${CACHE_HIT_RATE * 100}% of those (entries expire, some are first seen) saves that share of what they cost over the last ${WINDOW_DAYS} days.`,
      });
    }
  }
  return out.sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd);
}

function linesOf(plan: CatalogPlan, demand: Parameters<typeof priceOnPlan>[1]) {
  return priceOnPlan(plan, demand).lines;
}

/** The share of the plan's included units the demand uses (the most used one), or null without any. */
function includedUse(plan: CatalogPlan, demand: Parameters<typeof priceOnPlan>[1]): number | null {
  let share: number | null = null;
  for (const price of plan.unitPrices) {
    if (price.includedUnits <= 0 || price.pricePerUnit === 0) continue;
    const used = demand
      .filter((d) => price.operation === null || d.operation === price.operation)
      .reduce((a, d) => a + (d.units[price.unit] ?? 0), 0);
    share = Math.max(share ?? 0, used / price.includedUnits);
  }
  return share;
}
