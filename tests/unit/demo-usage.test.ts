import { describe, expect, it } from "vitest";
import { generateDemoUsage, type DemoSubscription } from "../../prisma/demo/usage";

const sub: DemoSubscription = {
  id: "sub-1",
  scale: 1,
  unitPrices: [{ unit: "request", operation: null, pricePerUnit: 0.01, includedUnits: 0 }],
  profile: [{ operation: "send", callsPerWeekday: 1000, unitsPerCall: { request: 1 } }],
};
const end = new Date(Date.UTC(2026, 10, 29));

describe("demo usage", () => {
  it("covers every day once per operation", () => {
    const rows = generateDemoUsage([sub], 90, end);
    expect(rows).toHaveLength(90);
    expect(new Set(rows.map((r) => r.day.toISOString())).size).toBe(90);
    expect(rows.at(-1)!.day.toISOString()).toBe("2026-11-29T00:00:00.000Z");
  });

  it("has weekly seasonality: weekends are much quieter than weekdays", () => {
    const rows = generateDemoUsage([sub], 90, end);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const weekend = mean(rows.filter((r) => [0, 6].includes(r.day.getUTCDay())).map((r) => r.calls));
    const weekday = mean(rows.filter((r) => ![0, 6].includes(r.day.getUTCDay())).map((r) => r.calls));
    expect(weekday / weekend).toBeGreaterThan(2);
  });

  it("is deterministic for a seed and costs what the plan says", () => {
    const a = generateDemoUsage([sub], 30, end, 7);
    expect(generateDemoUsage([sub], 30, end, 7)).toEqual(a);
    for (const row of a) expect(row.costUsd).toBeCloseTo(row.calls * 0.01, 6);
  });

  it("injects the spike on the requested days", () => {
    const rows = generateDemoUsage([{ ...sub, spikeDay: 60 }], 90, end);
    const before = rows[53]!.calls; // same weekday a week earlier
    expect(rows[60]!.calls / before).toBeGreaterThan(2.2);
  });

  it("honours a plan's included units per calendar month", () => {
    const withAllowance: DemoSubscription = {
      ...sub,
      unitPrices: [{ unit: "request", operation: null, pricePerUnit: 0.01, includedUnits: 5000 }],
    };
    const rows = generateDemoUsage([withAllowance], 90, end);
    const firstOfMonth = rows.find((r) => r.day.getUTCDate() === 1)!;
    expect(firstOfMonth.costUsd).toBe(0); // the allowance starts again each month
    const total = rows.reduce((a, r) => a + r.costUsd, 0);
    const calls = rows.reduce((a, r) => a + r.calls, 0);
    expect(total).toBeLessThan(calls * 0.01);
  });
});
