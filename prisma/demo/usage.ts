import { costOf, priceFor, type UnitPrice } from "../../app/usage/pricing";
import type { CatalogPlan } from "./catalog/types";
import { CATALOG } from "./catalog";

/**
 * Plausible daily usage for the demo: weekday traffic with quieter weekends (weekly
 * seasonality), slow growth, day-to-day noise, and one injected spike so cost
 * anomaly detection has something real to find. Deterministic for a given seed.
 */
export type DemoSubscription = {
  id: string;
  unitPrices: UnitPrice[];
  profile: { operation: string; callsPerWeekday: number; unitsPerCall: Record<string, number> }[];
  /** Multiplies this subscription's traffic (teams differ in size). */
  scale: number;
  /** Day index (0 = oldest) on which traffic triples for three days, if any. */
  spikeDay?: number;
};

export type DemoUsageRow = {
  subscriptionId: string;
  day: Date;
  operation: string;
  calls: number;
  units: number;
  costUsd: number;
};

/** Teams and what they subscribe to: [team, api slug, plan index in the catalog, traffic scale]. */
export const DEMO_TEAM_PLANS: [team: string, slug: string, planIndex: number, scale: number][] = [
  ["Platform", "stripe", 0, 1.0],
  ["Platform", "github", 0, 0.6],
  ["Platform", "sendgrid", 1, 1.0],
  ["Growth", "twilio", 0, 1.0],
  ["Growth", "algolia", 1, 0.8],
  ["Growth", "slack", 0, 0.5],
  ["Data", "openai", 0, 1.0],
  ["Data", "anthropic", 0, 1.0],
  ["Data", "google-maps", 0, 0.7],
  ["Data", "mapbox", 0, 0.5],
];

/** A demo subscription's traffic profile on its plan; one API has a three-day spike three weeks ago, for anomaly detection to find. */
export function demoSubscription(
  id: string,
  slug: string,
  plan: CatalogPlan,
  scale: number,
  usageDays: number,
): DemoSubscription {
  const api = CATALOG.find((a) => a.slug === slug);
  if (!api) throw new Error(`The demo catalog has no API "${slug}"`);
  return {
    id,
    scale,
    spikeDay: slug === "openai" ? usageDays - 21 : undefined,
    unitPrices: plan.unitPrices.map((p) => ({
      unit: p.unit,
      operation: p.operation ?? null,
      pricePerUnit: p.pricePerUnit,
      includedUnits: p.includedUnits ?? 0,
    })),
    profile: api.demoUsage,
  };
}

const WEEKDAY_FACTOR = [0.35, 1.0, 1.08, 1.1, 1.05, 0.92, 0.4]; // Sunday .. Saturday

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoUsage(
  subscriptions: DemoSubscription[],
  days: number,
  endDay: Date,
  seed = 42,
): DemoUsageRow[] {
  const random = mulberry32(seed);
  const rows: DemoUsageRow[] = [];
  const firstDay =
    Date.UTC(endDay.getUTCFullYear(), endDay.getUTCMonth(), endDay.getUTCDate()) - (days - 1) * 86_400_000;
  for (const sub of subscriptions) {
    const usedThisMonth = new Map<string, number>(); // unit -> units so far this month
    let month = -1;
    for (let i = 0; i < days; i++) {
      const day = new Date(firstDay + i * 86_400_000);
      if (day.getUTCMonth() !== month) {
        month = day.getUTCMonth();
        usedThisMonth.clear();
      }
      const growth = 1 + 0.25 * (i / days);
      const spike = sub.spikeDay !== undefined && i >= sub.spikeDay && i < sub.spikeDay + 3 ? 3 : 1;
      for (const op of sub.profile) {
        const noise = 0.85 + random() * 0.3;
        const calls = Math.max(
          0,
          Math.round(op.callsPerWeekday * sub.scale * WEEKDAY_FACTOR[day.getUTCDay()]! * growth * noise * spike),
        );
        let units = 0;
        let costUsd = 0;
        for (const [unit, perCall] of Object.entries(op.unitsPerCall)) {
          const amount = calls * perCall;
          const before = usedThisMonth.get(unit) ?? 0;
          costUsd += costOf(priceFor(sub.unitPrices, unit, op.operation), amount, before);
          usedThisMonth.set(unit, before + amount);
          units += amount;
        }
        rows.push({
          subscriptionId: sub.id,
          day,
          operation: op.operation,
          calls,
          units,
          costUsd: Math.round(costUsd * 1e6) / 1e6,
        });
      }
    }
  }
  return rows;
}
