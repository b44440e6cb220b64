import { describe, expect, it } from "vitest";
import { backtestLastMonth, forecastNextMonth, type UsageHistory } from "~/scans/backtest";
import type { CatalogApi } from "~/scans/cost";
import { fitDaily } from "~/scans/forecast";
import { addDays, toDay } from "~/time/days";
import { CATALOG } from "../../prisma/demo/catalog";
import { DEMO_TEAM_PLANS, demoSubscription, generateDemoUsage } from "../../prisma/demo/usage";

const DAY = 86_400_000;

describe("daily forecast", () => {
  it("recovers a trend and a weekly pattern, and extrapolates both", () => {
    const start = Date.UTC(2026, 0, 5) / DAY; // a Monday
    const weekly = [40, 100, 110, 105, 100, 90, 45]; // Sunday .. Saturday
    const value = (day: number) => weekly[(day + 4) % 7]! + 0.5 * (day - start);
    const series = Array.from({ length: 56 }, (_, i) => ({ day: start + i, value: value(start + i) }));
    const model = fitDaily(series)!;
    for (const ahead of [60, 75, 90]) expect(model.predict(start + ahead)).toBeCloseTo(value(start + ahead), 6);
  });

  it("does not take a spike in the history for the norm", () => {
    const start = Date.UTC(2026, 0, 5) / DAY;
    const series = Array.from({ length: 42 }, (_, i) => ({ day: start + i, value: i >= 20 && i < 23 ? 300 : 100 }));
    const model = fitDaily(series)!;
    expect(model.outliers).toHaveLength(3);
    expect(model.predict(start + 50)).toBeCloseTo(100, 6);
  });
});

/** The demo organisation's usage as `npm start` seeds it, 90 days up to `now`, as the app reads it (days before today). */
function demoHistories(now: Date) {
  const plans = DEMO_TEAM_PLANS.map(([, slug, planIndex, scale]) => {
    const api = CATALOG.find((a) => a.slug === slug)!;
    const plan = api.plans[Math.min(planIndex, api.plans.length - 1)]!;
    return { api, plan, subscription: demoSubscription(slug, slug, plan, scale, 90) };
  });
  const rows = generateDemoUsage(
    plans.map((p) => p.subscription),
    90,
    now,
  );
  const today = toDay(now);
  return plans.map(({ api, plan, subscription }) => {
    const catalog: CatalogApi = {
      slug: api.slug,
      name: api.name,
      category: api.category,
      plans: api.plans.map((p) => ({
        id: p.name,
        name: p.name,
        monthlyFee: p.monthlyFee,
        unitPrices: p.unitPrices.map((u) => ({
          unit: u.unit,
          operation: u.operation ?? null,
          pricePerUnit: u.pricePerUnit,
          includedUnits: u.includedUnits ?? 0,
        })),
      })),
    };
    const history: UsageHistory = {
      slug: api.slug,
      planId: plan.name,
      through: addDays(today, -1),
      days: rows
        .filter((r) => r.subscriptionId === subscription.id && toDay(r.day) < today)
        .map((r) => ({
          day: toDay(r.day),
          operation: r.operation,
          calls: r.calls,
          units: r.units,
          costUsd: r.costUsd,
        })),
    };
    return { catalog, history, plan: catalog.plans.find((p) => p.id === plan.name)! };
  });
}

describe("backtest of monthly estimates on the demo organisation's usage", () => {
  // Dates where the 90 days cross month ends of every length, a year end, a leap day, and
  // where the demo's three-day OpenAI spike falls in the month estimated, in its history, or in neither.
  const nows = ["2026-12-07", "2027-01-02", "2027-03-01", "2027-03-29", "2027-08-31", "2028-03-15", "2028-05-20"];

  for (const now of nows) {
    it(`estimates the last complete month from the days before it within 20% of its bill (today ${now})`, () => {
      for (const { catalog, history } of demoHistories(new Date(`${now}T13:00:00Z`))) {
        const backtest = backtestLastMonth({
          provider: catalog.slug,
          name: catalog.name,
          catalog,
          histories: [history],
        })!;
        const label = `${catalog.slug} ${backtest.month}: ${backtest.estimate} vs ${backtest.actual}`;
        expect(backtest.historyTo < `${backtest.month}-01`, label).toBe(true);
        expect(addDays(backtest.historyTo, 1), label).toBe(`${backtest.month}-01`);
        if (backtest.unusualDays.length) {
          // Only the spike can be unusual, and then it explains the miss.
          expect(catalog.slug, label).toBe("openai");
          expect(Math.abs(backtest.errorPctWithoutUnusual!), label).toBeLessThanOrEqual(20);
          continue;
        }
        // A bill mostly covered by its allowance moves by a few dollars; 20% of it is less than noise.
        if (backtest.actual < 50) expect(Math.abs(backtest.errorUsd), label).toBeLessThanOrEqual(10);
        else expect(Math.abs(backtest.errorPct!), label).toBeLessThanOrEqual(20);
      }
    });
  }

  it("flags the spike when it falls in the month estimated, and does not let it into the estimate", () => {
    // 2027-01-02: the 90 days start on 5 October, so the spike (days 69 to 71) is 13-15 December, in the month estimated.
    const openai = demoHistories(new Date("2027-01-02T13:00:00Z")).find((h) => h.catalog.slug === "openai")!;
    const backtest = backtestLastMonth({
      provider: "openai",
      name: "OpenAI",
      catalog: openai.catalog,
      histories: [openai.history],
    })!;
    expect(backtest.month).toBe("2026-12");
    expect([...new Set(backtest.unusualDays.map((d) => d.day))]).toEqual(["2026-12-13", "2026-12-14", "2026-12-15"]);
    expect(backtest.errorPct!).toBeLessThan(backtest.errorPctWithoutUnusual!);
  });

  it("never sees the month it estimates: changing that month's records moves the bill, not the estimate", () => {
    const { catalog, history } = demoHistories(new Date("2026-12-07T13:00:00Z")).find(
      (h) => h.catalog.slug === "stripe",
    )!;
    const before = backtestLastMonth({ provider: "stripe", name: "Stripe", catalog, histories: [history] })!;
    const inflated = {
      ...history,
      days: history.days.map((d) => (d.day.startsWith(before.month) ? { ...d, costUsd: d.costUsd * 3 } : d)),
    };
    const after = backtestLastMonth({ provider: "stripe", name: "Stripe", catalog, histories: [inflated] })!;
    expect(after.estimate).toBe(before.estimate);
    expect(after.actual).toBeGreaterThan(before.actual * 2.5);
  });

  it("forecasts the next 30 days from the history, priced as one month, and says from which days", () => {
    const { plan, history } = demoHistories(new Date("2026-12-07T13:00:00Z")).find((h) => h.catalog.slug === "twilio")!;
    const forecast = forecastNextMonth(plan, history)!;
    expect(forecast).toMatchObject({ from: "2026-12-07", to: "2027-01-06", historyTo: "2026-12-06" });
    expect(forecast.historyFrom).toBe(history.days.map((d) => d.day).sort()[0]);
    const last30 = history.days.filter((d) => d.day >= addDays("2026-12-07", -30));
    const recent = last30.reduce((s, d) => s + d.costUsd, 0);
    // Growing traffic: the next 30 days cost a little more than the last 30, not twice as much.
    expect(forecast.usage).toBeGreaterThan(recent);
    expect(forecast.usage).toBeLessThan(recent * 1.2);
    expect(forecast.lines.map((l) => l.operation).sort()).toEqual([
      "checkVerification",
      "createCall",
      "createMessage",
      "createVerification",
    ]);
  });

  it("says nothing rather than guess from less than four weeks of records", () => {
    const { plan, history, catalog } = demoHistories(new Date("2026-12-07T13:00:00Z"))[0]!;
    const young = { ...history, days: history.days.filter((d) => d.day >= "2026-11-15") };
    expect(forecastNextMonth(plan, young)).toBeNull();
    expect(backtestLastMonth({ provider: "x", name: "X", catalog, histories: [young] })).toBeNull();
  });
});
