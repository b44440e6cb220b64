import { describe, expect, it } from "vitest";
import { formatMoney } from "~/billing/format";
import {
  StripeSubscriptionSchema,
  entitles,
  invoiceVerdict,
  subscriptionColumns,
  subscriptionVerdict,
  tierFromSubscriptions,
} from "~/billing/snapshots";

const at = (second: number) => new Date(second * 1000);

describe("which Stripe snapshot wins", () => {
  it("takes the later event and refuses an earlier one, whatever order they came in", () => {
    expect(subscriptionVerdict(null, { eventCreated: 100, status: "active" })).toBe("apply");
    expect(
      subscriptionVerdict({ snapshotAt: at(100), status: "active" }, { eventCreated: 101, status: "past_due" }),
    ).toBe("apply");
    expect(
      subscriptionVerdict({ snapshotAt: at(101), status: "past_due" }, { eventCreated: 100, status: "active" }),
    ).toBe("stale");
  });

  it("breaks a tie within one second by lifecycle stage", () => {
    const held = { snapshotAt: at(100), status: "active" };
    expect(subscriptionVerdict(held, { eventCreated: 100, status: "incomplete" })).toBe("stale");
    expect(subscriptionVerdict(held, { eventCreated: 100, status: "past_due" })).toBe("apply");
    expect(subscriptionVerdict(held, { eventCreated: 100, status: "active" })).toBe("apply");
  });

  it("never revives a canceled or expired subscription", () => {
    for (const status of ["canceled", "incomplete_expired"]) {
      expect(subscriptionVerdict({ snapshotAt: at(100), status }, { eventCreated: 500, status: "active" })).toBe(
        "stale",
      );
    }
    expect(
      subscriptionVerdict({ snapshotAt: at(100), status: "canceled" }, { eventCreated: 500, status: "canceled" }),
    ).toBe("apply");
  });

  it("never reopens a paid or void invoice", () => {
    expect(invoiceVerdict({ snapshotAt: at(100), status: "paid" }, { eventCreated: 200, status: "open" })).toBe(
      "stale",
    );
    expect(invoiceVerdict({ snapshotAt: at(100), status: "open" }, { eventCreated: 100, status: "paid" })).toBe(
      "apply",
    );
    expect(invoiceVerdict({ snapshotAt: at(100), status: "paid" }, { eventCreated: 200, status: "void" })).toBe(
      "apply",
    );
  });
});

describe("the tier a set of subscriptions gives", () => {
  it("keeps the tier while Stripe retries a failed payment, and drops it once unpaid or canceled", () => {
    expect(entitles("past_due")).toBe(true);
    expect(tierFromSubscriptions([{ status: "past_due", tier: "PRO" }])).toBe("PRO");
    expect(tierFromSubscriptions([{ status: "unpaid", tier: "PRO" }])).toBe("FREE");
    expect(tierFromSubscriptions([{ status: "canceled", tier: "ENTERPRISE" }])).toBe("FREE");
    expect(tierFromSubscriptions([{ status: "incomplete", tier: "PRO" }])).toBe("FREE");
  });

  it("takes the best of several, and ignores prices it does not know", () => {
    expect(
      tierFromSubscriptions([
        { status: "active", tier: "PRO" },
        { status: "trialing", tier: "ENTERPRISE" },
        { status: "active", tier: null },
      ]),
    ).toBe("ENTERPRISE");
    expect(tierFromSubscriptions([])).toBe("FREE");
  });
});

describe("reading a subscription object", () => {
  const object = {
    id: "sub_1",
    object: "subscription",
    customer: { id: "cus_1", object: "customer" },
    status: "active",
    cancel_at_period_end: false,
    metadata: { organizationId: "x" },
    items: {
      data: [
        {
          quantity: 4,
          current_period_start: 1_800_000_000,
          current_period_end: 1_802_592_000,
          price: { id: "price_pro", unit_amount: 1200, currency: "EUR", recurring: { interval: "month" } },
        },
      ],
    },
  };

  it("takes seats, price and period from its item (where Stripe keeps the period now)", () => {
    const parsed = StripeSubscriptionSchema.parse(object);
    expect(subscriptionColumns(parsed, (p) => (p === "price_pro" ? "PRO" : null))).toMatchObject({
      customerId: "cus_1",
      tier: "PRO",
      seats: 4,
      unitAmount: 1200,
      currency: "eur",
      currentPeriodEnd: new Date(1_802_592_000_000),
      cancelAtPeriodEnd: false,
    });
  });

  it("refuses an object without items or with the wrong shape", () => {
    expect(StripeSubscriptionSchema.safeParse({ ...object, items: { data: [] } }).success).toBe(false);
    expect(StripeSubscriptionSchema.safeParse({ ...object, object: "invoice" }).success).toBe(false);
    expect(StripeSubscriptionSchema.safeParse({ ...object, status: 7 }).success).toBe(false);
  });
});

describe("money", () => {
  it("reads minor units per currency", () => {
    expect(formatMoney(1200, "usd")).toBe("$12.00");
    expect(formatMoney(1200, "eur")).toBe("€12.00");
    expect(formatMoney(1200, "jpy")).toBe("¥1,200");
  });
});
