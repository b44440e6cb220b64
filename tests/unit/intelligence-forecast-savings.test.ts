import { describe, expect, it } from "vitest";
import { benchmark, MIN_COHORT, twoSignificant } from "~/intelligence/benchmarks";
import { forecastSeries, futurePeriods, seasonalNaive } from "~/intelligence/forecast";
import { findOpportunities, type SubscriptionUsage } from "~/intelligence/savings";
import type { CatalogApi } from "~/scans/cost";
import { webhookBody } from "~/webhooks/payload";
import { signWebhook, verifyWebhookSignature } from "~/webhooks/signature";
import { mulberry32 } from "../../prisma/demo/usage";

/** Forecasts, benchmarks, savings and webhook signatures: the pure parts of cost intelligence. */
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6); // a Monday

/** Weekday spend growing 40% a year, weekends at 40%, noise; no month-start batch. */
function spend(days: number, seed = 3) {
  const random = mulberry32(seed);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < days; i++) {
    const weekday = new Date(START + i * DAY).getUTCDay();
    const level = 200 * (1 + (0.4 * i) / 365) * (weekday === 0 || weekday === 6 ? 0.4 : 1);
    timestamps.push(START + i * DAY);
    values.push(level * Math.exp(0.06 * (random() + random() + random() - 1.5) * 2));
  }
  return { timestamps, values };
}
const mape = (truth: number[], forecast: number[]) =>
  truth.reduce((a, t, i) => a + Math.abs(forecast[i]! - t) / t, 0) / truth.length;

describe("forecasts", () => {
  const all = spend(300);
  const cut = 240;
  const past = { timestamps: all.timestamps.slice(0, cut), values: all.values.slice(0, cut) };
  const truth = all.values.slice(cut, cut + 56);
  const times = futurePeriods(past.timestamps.at(-1)!, past.timestamps.at(-1)! + 56 * DAY, "day");

  it("forecasts growing weekly spend better than seasonal naive, with nested 80% and 95% intervals that hold the truth", () => {
    expect(times).toHaveLength(56);
    const model = forecastSeries(past, "day", times)!;
    const naive = seasonalNaive(past, "day", times)!;
    expect(model).toHaveLength(56);
    const ours = mape(
      truth,
      model.map((p) => p.expected),
    );
    const baseline = mape(
      truth,
      naive.map((p) => p.expected),
    );
    expect(ours).toBeLessThan(0.1);
    expect(ours).toBeLessThan(baseline);
    for (const p of model) {
      expect(p.lower95).toBeLessThanOrEqual(p.lower80);
      expect(p.lower80).toBeLessThanOrEqual(p.expected);
      expect(p.expected).toBeLessThanOrEqual(p.upper80);
      expect(p.upper80).toBeLessThanOrEqual(p.upper95);
    }
    const inside95 = truth.filter((t, i) => t >= model[i]!.lower95 && t <= model[i]!.upper95).length;
    const inside80 = truth.filter((t, i) => t >= model[i]!.lower80 && t <= model[i]!.upper80).length;
    expect(inside95 / truth.length).toBeGreaterThanOrEqual(0.85);
    expect(inside80).toBeLessThanOrEqual(inside95);
    // Weekends are forecast as weekends.
    const saturday = model.find((p) => new Date(p.time).getUTCDay() === 6)!;
    const monday = model.find((p) => new Date(p.time).getUTCDay() === 1)!;
    expect(saturday.expected).toBeLessThan(0.6 * monday.expected);
  });

  it("gives no forecast without enough history", () => {
    const short = { timestamps: past.timestamps.slice(0, 10), values: past.values.slice(0, 10) };
    expect(forecastSeries(short, "day", times)).toBeNull();
    expect(seasonalNaive(short, "day", times)).toBeNull();
  });
});

describe("benchmarks", () => {
  const org = (id: string, spendUsd: number, units = 1000, seats = 10) => ({
    organizationId: id,
    spendUsd,
    units,
    seats,
  });

  it("hides a cohort of fewer than five organisations with spend", () => {
    const cohort = [org("a", 100), org("b", 200), org("c", 300), org("d", 400), org("e", 0)];
    expect(benchmark(cohort, "a")).toEqual({ status: "hidden", organizations: 4, needed: MIN_COHORT });
  });

  it("shows a mean rounded to two significant figures once five organisations spend, and one's own exact figures", () => {
    const cohort = [org("a", 123), org("b", 200), org("c", 300), org("d", 400), org("e", 500, 1000, 5)];
    const result = benchmark(cohort, "a");
    expect(result.status).toBe("shown");
    if (result.status !== "shown") return;
    // Cost per unit: (0.123 + 0.2 + 0.3 + 0.4 + 0.5) / 5 = 0.3046 -> 0.30.
    expect(result.marketplace.costPerUnit).toBeCloseTo(0.3, 10);
    // Spend per seat: (12.3 + 20 + 30 + 40 + 100) / 5 = 40.46 -> 40.
    expect(result.marketplace.spendPerSeat).toBe(40);
    expect(result.yours).toEqual({ costPerUnit: 0.123, spendPerSeat: 12.3 });
    // A category compares spend per seat only: units of different APIs are different things.
    const category = benchmark(cohort, "a", false);
    expect(category.status === "shown" && category.marketplace.costPerUnit).toBeNull();
  });

  it("rounds to two significant figures", () => {
    expect(twoSignificant(0.0012345)).toBeCloseTo(0.0012, 12);
    expect(twoSignificant(98_765)).toBe(99_000);
    expect(twoSignificant(0)).toBe(0);
  });
});

describe("savings", () => {
  const catalog = new Map<string, CatalogApi>([
    [
      "mail",
      {
        slug: "mail",
        name: "Mail API",
        category: "Email",
        plans: [
          {
            id: "starter",
            name: "Starter",
            monthlyFee: 0,
            unitPrices: [{ unit: "email", operation: null, pricePerUnit: 0.002, includedUnits: 0 }],
          },
          {
            id: "pro",
            name: "Pro",
            monthlyFee: 400,
            unitPrices: [{ unit: "email", operation: null, pricePerUnit: 0.0005, includedUnits: 500_000 }],
          },
        ],
      },
    ],
  ]);
  const today = new Date(Date.UTC(2025, 5, 1));
  const usage = (over: Partial<SubscriptionUsage>): SubscriptionUsage => ({
    subscriptionId: "s1",
    label: "Mail API · Growth",
    apiSlug: "mail",
    planId: "pro",
    startedAt: new Date(Date.UTC(2025, 0, 1)),
    lastCallDay: "2025-03-02",
    operations: [],
    repeats: [],
    ...over,
  });

  it("finds a subscription with a fee and no calls for 30 days, but not a new one", () => {
    const [unused] = findOpportunities([usage({})], catalog, today);
    expect(unused).toMatchObject({ kind: "UNUSED_SUBSCRIPTION", monthlySavingUsd: 400 });
    expect(unused!.evidence).toContainEqual({ label: "Last call", value: "2025-03-02" });
    expect(findOpportunities([usage({ startedAt: new Date(Date.UTC(2025, 4, 20)) })], catalog, today)).toEqual([]);
  });

  it("finds an over-provisioned plan: a tenth of Pro's included volume costs less on Starter", () => {
    const operations = [{ operation: "send", calls: 50_000, units: 50_000, costUsd: 0 }];
    const found = findOpportunities([usage({ operations })], catalog, today);
    const plan = found.find((o) => o.kind === "OVERPROVISIONED_PLAN");
    // Pro: $400 fee; Starter: 50,000 x $0.002 = $100.
    expect(plan?.monthlySavingUsd).toBeCloseTo(300, 2);
    expect(plan!.method).toContain("30");
    // At Pro's volume, Pro is the cheaper plan and nothing is suggested.
    const busy = [{ operation: "send", calls: 500_000, units: 500_000, costUsd: 0 }];
    expect(findOpportunities([usage({ operations: busy })], catalog, today)).toEqual([]);
  });

  it("suggests caching when identical requests repeat, saving most of what the repeats cost", () => {
    const operations = [{ operation: "send", calls: 300_000, units: 300_000, costUsd: 400 }];
    const repeats = [{ operation: "send", calls: 300_000, repeatedCalls: 100_000, repeatedCostUsd: 50 }];
    const found = findOpportunities([usage({ operations, repeats, planId: "pro" })], catalog, today);
    expect(found.find((o) => o.kind === "CACHING")?.monthlySavingUsd).toBeCloseTo(40, 2);
  });
});

describe("webhook signatures and bodies", () => {
  const secret = "whsec_test";
  const body = webhookBody(
    { type: "anomaly.detected", text: "Spend <3x> & more", link: "https://app.example/x", data: { a: 1 } },
    "JSON",
    { id: "d1", createdAt: new Date(0) },
  );

  it("verifies its own signature, and refuses a changed body, another secret or an old timestamp", () => {
    const now = 1_800_000_000;
    const header = signWebhook(secret, body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, body, header, now + 10)).toBe(true);
    expect(verifyWebhookSignature(secret, body + " ", header, now)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", body, header, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, body, null, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, "t=x,v1=zz", now)).toBe(false);
  });

  it("is Slack-compatible: text and escaped mrkdwn blocks; the JSON format adds the event and its data", () => {
    const parsed = JSON.parse(body);
    expect(parsed).toMatchObject({ text: "Spend <3x> & more", event: "anomaly.detected", id: "d1", data: { a: 1 } });
    expect(parsed.blocks[0].text.text).toBe("Spend &lt;3x&gt; &amp; more");
    const slack = JSON.parse(
      webhookBody({ type: "t", text: "x", data: { secret: 1 } }, "SLACK", { id: "d", createdAt: new Date(0) }),
    );
    expect(Object.keys(slack).sort()).toEqual(["blocks", "text"]);
  });
});
