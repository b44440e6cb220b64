import { describe, expect, it } from "vitest";
import type { UsageHistory } from "~/scans/backtest";
import { estimateProviderCost, planFits, priceOnPlan, splitUnits, type CatalogApi } from "~/scans/cost";
import { recommend } from "~/scans/recommendations";
import { nextRunAfter } from "~/scans/schedule";
import { parseUsageFile } from "~/scans/usage-file";
import type { Finding, ProviderVerdict } from "~/scanner/types";
import { addDays } from "~/time/days";

const resend: CatalogApi = {
  slug: "resend",
  name: "Resend",
  category: "email",
  plans: [
    {
      id: "free",
      name: "Free",
      monthlyFee: 0,
      unitPrices: [{ unit: "email", operation: null, pricePerUnit: 0, includedUnits: 3000 }],
    },
    {
      id: "pro",
      name: "Pro",
      monthlyFee: 20,
      unitPrices: [{ unit: "email", operation: null, pricePerUnit: 0.0009, includedUnits: 50000 }],
    },
  ],
};
const anthropic: CatalogApi = {
  slug: "anthropic",
  name: "Anthropic",
  category: "ai",
  plans: [
    {
      id: "sonnet",
      name: "Sonnet",
      monthlyFee: 0,
      unitPrices: [
        { unit: "input_token", operation: "createMessage", pricePerUnit: 0.000003, includedUnits: 0 },
        { unit: "output_token", operation: "createMessage", pricePerUnit: 0.000015, includedUnits: 0 },
        { unit: "input_token", operation: "createMessageBatch", pricePerUnit: 0.0000015, includedUnits: 0 },
        { unit: "output_token", operation: "createMessageBatch", pricePerUnit: 0.0000075, includedUnits: 0 },
      ],
    },
  ],
};

/** `days` days of the same Claude traffic up to `through`: 100 calls a day of 2,000 tokens each, $1.20 a day. */
function steadyHistory(slug: string, planId: string, through: string, days: number): UsageHistory {
  return {
    slug,
    planId,
    through,
    days: Array.from({ length: days }, (_, i) => ({
      day: addDays(through, -i),
      operation: "createMessage",
      calls: 100,
      units: 200_000,
      costUsd: 1.2,
    })),
  };
}

describe("cost estimates", () => {
  it("splits recorded unit totals back into the units a plan prices", () => {
    expect(splitUnits(["transaction", "volume_usd"], 100, 4300)).toMatchObject({
      split: { transaction: 100, volume_usd: 4200 },
    });
    expect(splitUnits(["input_token", "output_token"], 10, 20000)).toMatchObject({
      split: { input_token: 15000, output_token: 5000 },
    });
    expect(splitUnits(["sms"], 10, 13).split).toEqual({ sms: 13 });
  });

  it("treats included units without a price beyond them as a cap", () => {
    expect(planFits(resend.plans[0]!, [{ operation: "sendEmail", units: { email: 2000 } }])).toBe(true);
    expect(planFits(resend.plans[0]!, [{ operation: "sendEmail", units: { email: 4000 } }])).toBe(false);
  });

  it("shares a plan's allowance across operations", () => {
    const plan = resend.plans[1]!;
    const { total } = priceOnPlan(plan, [
      { operation: "sendEmail", monthlyCalls: 40000, units: { email: 40000 } },
      { operation: "sendBatchEmails", monthlyCalls: 100, units: { email: 20000 } },
    ]);
    expect(total).toBeCloseTo(20 + 10000 * 0.0009, 6);
  });

  it("forecasts from daily usage records, and backtests the forecast on the last complete month", () => {
    const cost = estimateProviderCost({
      provider: "anthropic",
      name: "Anthropic",
      catalog: anthropic,
      usage: [steadyHistory("anthropic", "sonnet", "2026-12-06", 70)],
      volumes: [],
      calledOperations: ["createMessage", "countMessageTokens"],
    });
    expect(cost.basis).toBe("usage");
    // 100 calls a day of 2,000 tokens, for 30 days: 4.5M input tokens at $3/M and 1.5M output at $15/M.
    expect(cost.monthlyEstimate).toBeCloseTo(13.5 + 22.5, 6);
    expect(cost.backtest).toMatchObject({ month: "2026-11", historyTo: "2026-10-31", errorPct: 0, unusualDays: [] });
    expect(cost.backtest!.actual).toBeCloseTo(30 * 1.2, 6);
    expect(cost.trafficModel).toMatch(
      /usage records, attributed only to the operations this code calls \(createMessage/,
    );
    expect(cost.missingVolumes).toEqual(["countMessageTokens"]);
    expect(cost.assumptions.join(" ")).toContain("Tokens split 75% input, 25% output");
  });

  it("attributes to the code only the operations it calls, and each call site its share", () => {
    const history = steadyHistory("anthropic", "sonnet", "2026-12-06", 70);
    // The organisation also runs batches this code never sends.
    history.days.push(
      ...history.days.map((d) => ({ ...d, operation: "createMessageBatch", calls: 1, units: 1_000_000, costUsd: 4.5 })),
    );
    const cost = estimateProviderCost({
      provider: "anthropic",
      name: "Anthropic",
      catalog: anthropic,
      usage: [history],
      volumes: [],
      calledOperations: ["createMessage"],
      callSites: [
        { file: "a.ts", line: 3, operation: "createMessage" },
        { file: "b.ts", line: 9, operation: "createMessage" },
      ],
    });
    expect(cost.monthlyEstimate).toBeCloseTo(36, 6);
    expect(cost.lines.map((l) => l.operation)).toEqual(["createMessage"]);
    expect(cost.trafficModel).toContain("createMessageBatch is recorded too but not called here, so not counted");
    expect(cost.callSites).toEqual([
      { file: "a.ts", line: 3, operation: "createMessage", monthlyCost: 18 },
      { file: "b.ts", line: 9, operation: "createMessage", monthlyCost: 18 },
    ]);
    expect(cost.backtest!.actual).toBeCloseTo(36, 6);
    const none = estimateProviderCost({
      provider: "anthropic",
      name: "Anthropic",
      catalog: anthropic,
      usage: [history],
      volumes: [],
      calledOperations: [],
    });
    expect(none).toMatchObject({ basis: "none", monthlyEstimate: null });
    expect(none.assumptions[0]).toContain("none of that spend is attributed to this code");
  });

  it("estimates from entered volumes on the cheapest plan that carries them, and says what is missing", () => {
    const none = estimateProviderCost({
      provider: "resend",
      name: "Resend",
      catalog: resend,
      usage: [],
      volumes: [],
      calledOperations: ["sendEmail"],
    });
    expect(none).toMatchObject({ basis: "none", monthlyEstimate: null, missingVolumes: ["sendEmail"] });
    const some = estimateProviderCost({
      provider: "resend",
      name: "Resend",
      catalog: resend,
      usage: [],
      volumes: [{ provider: "resend", operation: "sendEmail", monthlyCalls: 2000, unitsPerCall: {} }],
      calledOperations: ["sendEmail"],
    });
    expect(some).toMatchObject({ basis: "volumes", monthlyEstimate: 0, plan: { name: "Free" } });
    const more = estimateProviderCost({
      provider: "resend",
      name: "Resend",
      catalog: resend,
      usage: [],
      volumes: [{ provider: "resend", operation: "sendEmail", monthlyCalls: 60000, unitsPerCall: {} }],
      calledOperations: ["sendEmail"],
    });
    expect(more).toMatchObject({ plan: { name: "Pro" }, monthlyEstimate: 29 });
  });

  it("says when a provider is not in the catalog", () => {
    const cost = estimateProviderCost({
      provider: "segment",
      name: "Segment",
      catalog: null,
      usage: [],
      volumes: [],
      calledOperations: [],
    });
    expect(cost.assumptions[0]).toContain("not in the marketplace catalog");
  });
});

function finding(over: Partial<Finding>): Finding {
  return {
    provider: "anthropic",
    kind: "sdk-call",
    file: "a.ts",
    line: 1,
    column: 1,
    snippet: "",
    context: { startLine: 1, lines: [] },
    confidence: 0.9,
    context_kind: "code",
    language: "js",
    detail: "",
    ...over,
  };
}
const verdict = (provider: string, name: string): ProviderVerdict => ({
  provider,
  name,
  category: "ai",
  verdict: "uses",
  confidence: 0.9,
  reasons: [],
  counts: {},
  files: 1,
  operations: [],
  domain: `${provider}.com`,
});

describe("recommendations", () => {
  const cost = estimateProviderCost({
    provider: "anthropic",
    name: "Anthropic",
    catalog: anthropic,
    usage: [steadyHistory("anthropic", "sonnet", "2026-12-06", 40)],
    volumes: [],
    calledOperations: ["createMessage"],
  });

  it("prices batching with the batch operation's unit prices", () => {
    const recs = recommend({
      verdicts: [verdict("anthropic", "Anthropic")],
      findings: [finding({ operation: "createMessage", inLoop: true, file: "jobs/summarise.ts", line: 12 })],
      costs: [cost],
      catalog: new Map([["anthropic", anthropic]]),
      orgKeys: [],
    });
    const batching = recs.find((r) => r.kind === "batching")!;
    expect(batching.monthlySaving).toBeCloseTo(cost.monthlyEstimate! / 2, 1);
    expect(batching.citations).toEqual([{ file: "jobs/summarise.ts", line: 12, snippet: "" }]);
  });

  it("finds unused configured keys, and idle organisation keys with their fee as the saving", () => {
    const recs = recommend({
      verdicts: [],
      findings: [
        finding({
          provider: "sendgrid",
          kind: "env-config",
          detail: "SENDGRID_API_KEY",
          file: ".env.example",
          language: "config",
        }),
      ],
      costs: [],
      catalog: new Map(),
      orgKeys: [
        { envVarName: "SLACK_API_KEY", label: "Slack (Growth)", catalogSlug: "slack", monthlyFee: 87.5, calls30d: 0 },
        {
          envVarName: "GITHUB_API_KEY",
          label: "GitHub (Platform)",
          catalogSlug: "github",
          monthlyFee: 40,
          calls30d: 1200,
        },
      ],
    });
    // One item for key hygiene, with each key in it and the idle subscription's fee as the saving.
    expect(recs.map((r) => [r.kind, r.monthlySaving])).toEqual([["unused-keys", 87.5]]);
    expect(recs[0]!.title).toBe("3 keys nothing in this code uses");
    expect(recs[0]!.keys!.map((k) => [k.provider, k.monthlySaving])).toEqual([
      ["sendgrid", 0],
      ["slack", 87.5],
      ["github", 0],
    ]);
    expect(recs[0]!.keys![1]!.text).toContain("$87.50");
  });

  it("does not recommend caching when a cache is in sight", () => {
    const recs = recommend({
      verdicts: [verdict("google-maps", "Google Maps Platform")],
      findings: [finding({ provider: "google-maps", operation: "geocode", inLoop: true, cached: true })],
      costs: [],
      catalog: new Map(),
      orgKeys: [],
    });
    expect(recs.filter((r) => r.kind === "caching")).toEqual([]);
  });
});

describe("rescan schedules", () => {
  it("runs weekly a week later and monthly on the same day, clamped to short months", () => {
    expect(nextRunAfter("WEEKLY", new Date("2026-11-29T10:00:00Z")).toISOString()).toBe("2026-12-06T10:00:00.000Z");
    expect(nextRunAfter("MONTHLY", new Date("2026-01-31T08:30:00Z")).toISOString()).toBe("2026-02-28T08:30:00.000Z");
    expect(nextRunAfter("MONTHLY", new Date("2026-12-15T00:00:00Z")).toISOString()).toBe("2027-01-15T00:00:00.000Z");
  });
});

describe("usage files", () => {
  it("reads monthly volumes per provider and operation, and explains what is wrong", () => {
    expect(
      parseUsageFile({ stripe: { createPaymentIntent: { monthlyCalls: 20000, unitsPerCall: { volume_usd: 42 } } } }),
    ).toEqual({
      ok: true,
      volumes: [
        { provider: "stripe", operation: "createPaymentIntent", monthlyCalls: 20000, unitsPerCall: { volume_usd: 42 } },
      ],
    });
    const bad = parseUsageFile({ stripe: { createPaymentIntent: { monthlyCalls: -1 } } });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toContain("stripe.createPaymentIntent.monthlyCalls");
  });
});
