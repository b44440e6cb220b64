import { describe, expect, it } from "vitest";
import { costOf, priceFor, type UnitPrice } from "~/usage/pricing";

const prices: UnitPrice[] = [
  { unit: "request", operation: null, pricePerUnit: 0.005, includedUnits: 1000 },
  { unit: "request", operation: "geocode", pricePerUnit: 0.004, includedUnits: 0 },
  { unit: "sms", operation: null, pricePerUnit: 0.0079, includedUnits: 0 },
];

describe("pricing", () => {
  it("prefers an operation's own price over the general one", () => {
    expect(priceFor(prices, "request", "geocode")?.pricePerUnit).toBe(0.004);
    expect(priceFor(prices, "request", "directions")?.pricePerUnit).toBe(0.005);
    expect(priceFor(prices, "email", "send")).toBeUndefined();
  });

  it("charges only units beyond the monthly allowance", () => {
    const general = priceFor(prices, "request", "other");
    expect(costOf(general, 400, 0)).toBe(0);
    expect(costOf(general, 400, 800)).toBeCloseTo(200 * 0.005);
    expect(costOf(general, 400, 5000)).toBeCloseTo(400 * 0.005);
  });

  it("costs nothing for no units or no price", () => {
    expect(costOf(undefined, 10, 0)).toBe(0);
    expect(costOf(priceFor(prices, "sms", "x"), 0, 0)).toBe(0);
  });
});
