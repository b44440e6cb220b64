import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { auditTrail } from "../support/audit";
import { organizationWithOwner, pageText, startBillingStack, tierOf } from "../support/billing";
import type { StripeEvent } from "../support/fake-stripe";

/**
 * Stripe's webhooks as Stripe sends them (signed JSON, posted by the local Stripe server) and
 * as it sometimes sends them: twice, all at once, late, out of order, forged or replayed.
 */
let stack: Awaited<ReturnType<typeof startBillingStack>>;
beforeAll(async () => {
  stack = await startBillingStack();
});
afterAll(() => stack.close());

/** An organisation on Pro through Checkout, with its Checkout's events still undelivered. */
async function paidOrganization(options: { deliver?: boolean } = {}) {
  const org = await organizationWithOwner(stack.app.baseUrl);
  const started = await org.client.request(`/orgs/${org.organizationId}/billing`, {
    method: "POST",
    form: { intent: "checkout", tier: "PRO" },
  });
  const sessionId = /cs_test_[\w-]+/.exec(started.headers.get("location")!)![0];
  const events = await stack.stripe.completeCheckout(sessionId, { deliver: options.deliver ?? false });
  const subscriptionId = stack.stripe.sessions.get(sessionId)!.subscription as string;
  return { ...org, events, subscriptionId };
}

/** A snapshot of the subscription as an event of `type` created at `created`. */
function snapshot(subscriptionId: string, type: string, created: number, changes: Record<string, unknown> = {}) {
  const current = structuredClone(stack.stripe.subscriptions.get(subscriptionId)!);
  return stack.stripe.event(type, { ...current, ...changes }, { created });
}

const row = (id: string) => prisma.billingSubscription.findUniqueOrThrow({ where: { id } });

describe("webhook signatures", () => {
  it("refuses forged, tampered, unsigned and stale deliveries, and records none of them", async () => {
    const { events, organizationId } = await paidOrganization();
    const created = events[0]!;
    const payload = JSON.stringify(created);

    const forged = await stack.stripe.deliver(created, { secret: "whsec_someone_else" });
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body).error).toContain("does not match");

    // A genuine signature over other bytes: the price swapped after signing.
    const tampered = await stack.stripe.deliver(created, {
      payload: payload.replace("price_pro_seat", "price_enterprise_seat"),
      signature: stack.stripe.sign(payload),
    });
    expect(tampered.status).toBe(400);

    const unsigned = await stack.stripe.deliver(created, { signature: null });
    expect(unsigned.status).toBe(400);
    expect(JSON.parse(unsigned.body).error).toContain("Stripe-Signature header is missing");

    const garbled = await stack.stripe.deliver(created, { signature: "t=abc,v0=nonsense" });
    expect(garbled.status).toBe(400);

    // Correctly signed, but ten minutes ago: a captured delivery replayed later.
    const stale = await stack.stripe.deliver(created, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(400);
    expect(JSON.parse(stale.body).error).toContain("more than 5 minutes old");

    expect(await prisma.stripeEvent.count({ where: { id: created.id } })).toBe(0);
    expect(await tierOf(organizationId)).toBe("FREE");

    const genuine = await stack.stripe.deliver(created);
    expect(genuine.status).toBe(200);
    expect(JSON.parse(genuine.body)).toEqual({ received: true, outcome: "applied" });
    expect(await tierOf(organizationId)).toBe("PRO");
  });

  it("answers 405 to a GET and 422 to a signed event whose object cannot be read (Stripe retries it)", async () => {
    const get = await fetch(`${stack.app.baseUrl}/api/stripe/webhook`);
    expect(get.status).toBe(405);
    const broken = stack.stripe.event("customer.subscription.updated", {
      id: "sub_broken",
      object: "subscription",
      status: "active",
      customer: "cus_x",
      items: { data: [] },
    });
    const response = await stack.stripe.deliver(broken);
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body).error).toContain("cannot read");
    expect(await prisma.stripeEvent.count({ where: { id: broken.id } })).toBe(0);
  });

  it("ignores events about customers that are not ours", async () => {
    const foreign = stack.stripe.event("customer.subscription.created", {
      id: "sub_foreign",
      object: "subscription",
      status: "active",
      customer: "cus_other_product",
      metadata: {},
      items: { data: [{ quantity: 1, price: { id: "price_other", currency: "usd", unit_amount: 500 } }] },
    });
    const response = await stack.stripe.deliver(foreign);
    expect(JSON.parse(response.body)).toEqual({ received: true, outcome: "ignored" });
    expect(await prisma.billingSubscription.count({ where: { id: "sub_foreign" } })).toBe(0);
  });
});

describe("replays and duplicates", () => {
  it("applies an event once however often and however concurrently it is delivered", async () => {
    const { events, organizationId, subscriptionId } = await paidOrganization();
    for (const evt of events) await stack.stripe.deliver(evt);
    const again = await Promise.all(
      events.flatMap((evt) => Array.from({ length: 5 }, () => stack.stripe.deliver(evt))),
    );
    expect(again.every((d) => d.status === 200 && JSON.parse(d.body).outcome === "duplicate")).toBe(true);
    expect(await prisma.stripeEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(events.length);
    expect(await prisma.billingInvoice.count({ where: { organizationId } })).toBe(1);

    // Ten copies of a new event at once: exactly one is applied.
    const update = snapshot(subscriptionId, "customer.subscription.updated", stack.stripe.now() + 5, {
      items: { data: [{ ...stack.stripe.subscriptions.get(subscriptionId)!.items.data[0], quantity: 7 }] },
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => stack.stripe.deliver(update)));
    const outcomes = results.map((d) => JSON.parse(d.body).outcome).sort();
    expect(outcomes).toEqual(["applied", ...Array(9).fill("duplicate")]);
    expect((await row(subscriptionId)).seats).toBe(7);

    // The tier moved once, and the audit log says so once, in Stripe's name.
    const changes = (await auditTrail(organizationId)).filter((e) => e.action === "billing.tier_changed");
    expect(changes).toMatchObject([
      {
        actorId: null,
        actorName: expect.stringContaining("System (Stripe"),
        before: { tier: "FREE" },
        after: { tier: "PRO" },
      },
    ]);
  });
});

describe("events out of order", () => {
  it("keeps the newest snapshot whatever order the events arrive in", async () => {
    const { events, organizationId, subscriptionId } = await paidOrganization();
    const t = stack.stripe.now();
    const later = [
      snapshot(subscriptionId, "customer.subscription.updated", t + 60, { status: "past_due" }),
      snapshot(subscriptionId, "customer.subscription.updated", t + 120, { status: "active" }),
      snapshot(subscriptionId, "customer.subscription.deleted", t + 180, { status: "canceled", ended_at: t + 180 }),
    ];
    // Newest first, then the rest; Checkout's own events last of all.
    for (const evt of [...later].reverse()) await stack.stripe.deliver(evt);
    for (const evt of events) await stack.stripe.deliver(evt);
    const stale = await stack.stripe.deliver(later[0]!);
    expect(JSON.parse(stale.body).outcome).toBe("duplicate");

    expect(await row(subscriptionId)).toMatchObject({ status: "canceled", snapshotEventId: later[2]!.id });
    expect(await tierOf(organizationId)).toBe("FREE");
    const recorded = await prisma.stripeEvent.findMany({ where: { id: { in: [events[0]!.id, later[1]!.id] } } });
    expect(recorded.map((r) => r.outcome)).toEqual(["stale", "stale"]);
  });

  it("ends in the same state for any shuffle of the events with duplicates mixed in", async () => {
    for (let round = 0; round < 6; round++) {
      const { events, organizationId, subscriptionId } = await paidOrganization();
      const t = stack.stripe.now();
      const quantity = (n: number) => ({
        items: { data: [{ ...stack.stripe.subscriptions.get(subscriptionId)!.items.data[0], quantity: n }] },
      });
      const timeline = [
        ...events,
        snapshot(subscriptionId, "customer.subscription.updated", t + 10, quantity(2)),
        snapshot(subscriptionId, "customer.subscription.updated", t + 20, { ...quantity(4), status: "past_due" }),
        snapshot(subscriptionId, "customer.subscription.updated", t + 30, quantity(3)),
      ];
      const deliveries: StripeEvent[] = [...timeline, ...timeline.filter((_, i) => i % 2 === round % 2)];
      shuffle(deliveries, round + 1);
      for (const evt of deliveries) expect((await stack.stripe.deliver(evt)).status).toBe(200);
      expect(await row(subscriptionId)).toMatchObject({
        status: "active",
        seats: 3,
        snapshotEventId: timeline.at(-1)!.id,
      });
      expect(await tierOf(organizationId)).toBe("PRO");
    }
  });

  it("orders snapshots of the same second by how far along the subscription is", async () => {
    const { organizationId, subscriptionId } = await paidOrganization();
    const t = stack.stripe.now();
    const incomplete = snapshot(subscriptionId, "customer.subscription.created", t, { status: "incomplete" });
    const active = snapshot(subscriptionId, "customer.subscription.updated", t, { status: "active" });
    await stack.stripe.deliver(active);
    expect(JSON.parse((await stack.stripe.deliver(incomplete)).body).outcome).toBe("stale");
    expect((await row(subscriptionId)).status).toBe("active");
    expect(await tierOf(organizationId)).toBe("PRO");
  });

  it("never revives a canceled subscription, even from a newer-looking event", async () => {
    const { organizationId, subscriptionId } = await paidOrganization({ deliver: true });
    const t = stack.stripe.now();
    await stack.stripe.deliver(
      snapshot(subscriptionId, "customer.subscription.deleted", t + 10, { status: "canceled", ended_at: t + 10 }),
    );
    const revived = snapshot(subscriptionId, "customer.subscription.updated", t + 20, { status: "active" });
    expect(JSON.parse((await stack.stripe.deliver(revived)).body).outcome).toBe("stale");
    expect(await tierOf(organizationId)).toBe("FREE");
  });
});

describe("failed payments and Stripe's grace period", () => {
  it("keeps the plan while Stripe retries and shows when, then downgrades once Stripe marks it unpaid", async () => {
    const org = await paidOrganization({ deliver: true });
    await stack.stripe.failRenewal(org.subscriptionId);
    expect(await tierOf(org.organizationId)).toBe("PRO");
    expect((await row(org.subscriptionId)).status).toBe("past_due");
    const page = await pageText(await org.client.request(`/orgs/${org.organizationId}/billing`));
    expect(page).toContain("The last payment of $12.00 failed");
    expect(page).toMatch(/Stripe tries again on \d+ \w+ \d{4}/);
    expect(page).toContain("Payment failed: Stripe is retrying");

    await stack.stripe.exhaustRetries(org.subscriptionId, "unpaid");
    expect(await tierOf(org.organizationId)).toBe("FREE");
    const quota = await org.client.request(`/w/${org.workspace.id}/ai/quota`);
    expect((await quota.json()).limit).toBe(50);
  });

  it("restores the plan when a retry succeeds, and downgrades at once when Stripe cancels instead", async () => {
    const recovered = await paidOrganization({ deliver: true });
    await stack.stripe.failRenewal(recovered.subscriptionId);
    await stack.stripe.recover(recovered.subscriptionId);
    expect(await tierOf(recovered.organizationId)).toBe("PRO");
    const page = await pageText(await recovered.client.request(`/orgs/${recovered.organizationId}/billing`));
    expect(page).not.toContain("The last payment");

    const canceled = await paidOrganization({ deliver: true });
    await stack.stripe.failRenewal(canceled.subscriptionId);
    await stack.stripe.exhaustRetries(canceled.subscriptionId, "canceled");
    expect(await tierOf(canceled.organizationId)).toBe("FREE");
    const invoices = await prisma.billingInvoice.findMany({
      where: { organizationId: canceled.organizationId },
      orderBy: { issuedAt: "asc" },
    });
    expect(invoices.map((i) => i.status)).toEqual(["paid", "uncollectible"]);
  });

  it("renews: a new paid invoice and the next period", async () => {
    const org = await paidOrganization({ deliver: true });
    const before = (await row(org.subscriptionId)).currentPeriodEnd!;
    stack.stripe.advance(30 * 86_400);
    await stack.stripe.renew(org.subscriptionId);
    expect((await row(org.subscriptionId)).currentPeriodEnd!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    expect(await prisma.billingInvoice.count({ where: { organizationId: org.organizationId, status: "paid" } })).toBe(
      2,
    );
  });
});

/** A seeded Fisher-Yates shuffle, so a failing round can be replayed. */
function shuffle<T>(items: T[], seed: number) {
  let state = seed * 7919;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
