import { describe, expect, it } from "vitest";
import {
  checkEvent,
  priceEvents,
  quantitiesOf,
  type SubscriptionTerms,
  type ValidEvent,
} from "~/usage/ingestion-rules";
import type { UnitPrice } from "~/usage/pricing";

const SUB = "0b7c6e2a-1111-4222-8333-944455556666";
const prices: UnitPrice[] = [
  { unit: "input_token", operation: "chat", pricePerUnit: 0.000003, includedUnits: 0 },
  { unit: "output_token", operation: "chat", pricePerUnit: 0.000015, includedUnits: 0 },
  { unit: "sms", operation: null, pricePerUnit: 0.01, includedUnits: 100 },
];
const terms = new Map<string, SubscriptionTerms>([
  [SUB, { id: SUB, startedAt: new Date("2026-01-01T00:00:00Z"), endedAt: null, prices }],
]);
const now = new Date("2026-11-29T12:00:00Z");
const event = (over: Record<string, unknown> = {}) => ({
  eventId: "e1",
  subscriptionId: SUB,
  operation: "send",
  units: 1,
  occurredAt: "2026-11-29T10:00:00Z",
  ...over,
});

describe("usage event checks", () => {
  it("accepts a valid event and works out what it used", () => {
    const checked = checkEvent(
      event({ operation: "chat", units: { input_token: 1200, output_token: 400 } }),
      0,
      terms,
      now,
    );
    expect(checked).toMatchObject({
      ok: true,
      event: { eventId: "e1", operation: "chat", quantities: { input_token: 1200, output_token: 400 } },
    });
  });

  it("infers the unit when the plan prices just one for the operation", () => {
    expect(quantitiesOf({ units: 3 }, "send", prices)).toEqual({ ok: true, value: { sms: 3 } });
  });

  it("asks which unit when the plan prices several", () => {
    const result = quantitiesOf({ units: 3 }, "chat", prices);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/say which unit.*"input_token", "output_token"/);
  });

  it("counts an unpriced operation as a free request", () => {
    expect(quantitiesOf({ units: 1 }, "listModels", [prices[0]!])).toEqual({ ok: true, value: { request: 1 } });
  });

  it.each([
    [{ eventId: undefined }, /eventId is missing/],
    [{ subscriptionId: "nope" }, /subscriptionId is not a subscription id/],
    [{ units: -1 }, /cannot be negative/],
    [{ units: "12" }, /units/],
    [{ occurredAt: "yesterday" }, /occurredAt is not an ISO 8601 time/],
    [{ occurredAt: "2026-11-29T13:00:00Z" }, /in the future/],
    [{ occurredAt: "2025-12-31T23:59:59Z" }, /before the subscription started/],
    [{ subscriptionId: "0b7c6e2a-1111-4222-8333-000000000000" }, /not one of your organisation's subscriptions/],
    [{ operation: "chat", units: { input_token: 5, images: 1 } }, /no price for "images" of chat/],
    [{ units: {} }, /units is empty/],
  ])("rejects %j with a reason", (over, reason) => {
    const checked = checkEvent(event(over), 4, terms, now);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.rejection.index).toBe(4);
      expect(checked.rejection.reasons.join("; ")).toMatch(reason);
    }
  });

  it("accepts upper-case subscription ids", () => {
    expect(checkEvent(event({ subscriptionId: SUB.toUpperCase() }), 0, terms, now).ok).toBe(true);
  });
});

describe("pricing a batch", () => {
  const valid = (eventId: string, amount: number, at: string): ValidEvent => ({
    index: 0,
    eventId,
    subscriptionId: SUB,
    operation: "send",
    quantities: { sms: amount },
    occurredAt: new Date(at),
  });

  it("spends the monthly allowance in time order, whatever the batch order", () => {
    const events = [valid("late", 60, "2026-11-20T00:00:00Z"), valid("early", 60, "2026-11-02T00:00:00Z")];
    const costs = priceEvents(events, new Map([[SUB, prices]]), new Map());
    expect(costs.get("early")).toBe(0);
    expect(costs.get("late")).toBeCloseTo(20 * 0.01);
  });

  it("starts from what the month had used before the batch, per month", () => {
    const events = [valid("nov", 10, "2026-11-02T00:00:00Z"), valid("oct", 10, "2026-10-31T23:00:00Z")];
    const used = new Map([[`${SUB}|2026-11-01|sms`, 95]]);
    const costs = priceEvents(events, new Map([[SUB, prices]]), used);
    expect(costs.get("nov")).toBeCloseTo(5 * 0.01);
    expect(costs.get("oct")).toBe(0);
  });
});
