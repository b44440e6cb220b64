import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { auditTrail } from "../support/audit";
import { organizationWithOwner, pageText, startBillingStack, tierOf } from "../support/billing";
import { CookieClient } from "../support/browserless-client";
import { createUser, TEST_PASSWORD } from "../support/factories";

/**
 * Paying for a plan with the real stripe SDK against the local Stripe server: Checkout, the
 * webhooks it fires, the billing page, plan and seat changes, the portal, who may do what,
 * and what happens when Stripe fails.
 */
let stack: Awaited<ReturnType<typeof startBillingStack>>;
beforeAll(async () => {
  stack = await startBillingStack();
});
afterAll(() => stack.close());

const billing = (organizationId: string) => `/orgs/${organizationId}/billing`;

/** Starts Checkout from the billing page and pays on the local Stripe's page, as a browser would. */
async function upgrade(client: CookieClient, organizationId: string, tier: "PRO" | "ENTERPRISE") {
  const started = await client.request(billing(organizationId), { method: "POST", form: { intent: "checkout", tier } });
  expect(started.status).toBe(302);
  const checkoutUrl = started.headers.get("location")!;
  expect(checkoutUrl.startsWith(`${stack.stripe.baseUrl}/c/pay/cs_test_`)).toBe(true);
  const paid = await fetch(checkoutUrl, { method: "POST", redirect: "manual" });
  expect(paid.status).toBe(303);
  expect(paid.headers.get("location")).toBe(`${stack.app.baseUrl}${billing(organizationId)}?checkout=done`);
  return checkoutUrl;
}

describe("paying for a plan through Stripe Checkout", () => {
  it("upgrades to Pro per seat once Stripe's webhooks arrive, and the AI quota becomes 200", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl, ["ADMIN", "MEMBER"]);
    const before = await org.client.request(`/w/${org.workspace.id}/ai/quota`);
    expect((await before.json()).limit).toBe(50);

    await upgrade(org.client, org.organizationId, "PRO");

    // The customer was created once, for this organisation, and Checkout sells one seat per member.
    const customerCalls = stack.stripe.requests.filter((r) => r.path === "/v1/customers");
    const mine = customerCalls.find((r) => r.params.metadata?.organizationId === org.organizationId)!;
    expect(mine.idempotencyKey).toBe(`customer:${org.organizationId}`);
    const checkout = stack.stripe.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && r.params.client_reference_id === org.organizationId,
    )!;
    expect(checkout.params).toMatchObject({
      mode: "subscription",
      line_items: [{ price: "price_pro_seat", quantity: "3" }],
      subscription_data: { metadata: { organizationId: org.organizationId } },
    });

    expect(await tierOf(org.organizationId)).toBe("PRO");
    const subscription = await prisma.billingSubscription.findFirstOrThrow({
      where: { organizationId: org.organizationId },
    });
    expect(subscription).toMatchObject({ status: "active", tier: "PRO", seats: 3, unitAmount: 1200, currency: "usd" });
    expect(subscription.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const after = await org.client.request(`/w/${org.workspace.id}/ai/quota`);
    expect(await after.json()).toMatchObject({ tier: "PRO", limit: 200 });

    const page = await pageText(await org.client.request(`${billing(org.organizationId)}?checkout=done`));
    expect(page).toContain("Stripe confirmed the payment and you are on Pro");
    expect(page).toMatch(/data-testid="billing-seats">3 paid · 3 in use \(3 members, 0 pending\)/);
    expect(page).toMatch(/data-testid="next-invoice">\$36\.00 on/);
    expect(page).toContain("FAKE-"); // the paid invoice, with its number
    expect(page).toContain("$12.00 per seat a month");
  });

  it("reuses one Checkout session for a double click, and refuses a second plan while one is paid", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl);
    const form = { intent: "checkout", tier: "ENTERPRISE" };
    const [a, b] = await Promise.all([
      org.client.request(billing(org.organizationId), { method: "POST", form }),
      org.client.request(billing(org.organizationId), { method: "POST", form }),
    ]);
    expect(a.headers.get("location")).toBe(b.headers.get("location"));
    expect(stack.stripe.sessions.size).toBeGreaterThan(0);
    await fetch(a.headers.get("location")!, { method: "POST", redirect: "manual" });
    expect(await tierOf(org.organizationId)).toBe("ENTERPRISE");

    const again = await org.client.request(billing(org.organizationId), {
      method: "POST",
      form: { intent: "checkout", tier: "PRO" },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already has a paid plan");
  });

  it("switches plan and seats through the subscription, moving the tier only when the webhook confirms", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl);
    await upgrade(org.client, org.organizationId, "PRO");

    const switched = await org.client.request(billing(org.organizationId), {
      method: "POST",
      form: { intent: "change-plan", tier: "ENTERPRISE" },
    });
    expect(switched.status).toBe(200);
    expect(await switched.text()).toContain("Switching to Enterprise");
    await expect.poll(() => tierOf(org.organizationId)).toBe("ENTERPRISE");

    // A new member joins: the page offers to pay for them, and the change reaches Stripe.
    const colleague = await createUser("Colleague");
    await prisma.orgMembership.create({ data: { organizationId: org.organizationId, userId: colleague.id } });
    const page = await pageText(await org.client.request(billing(org.organizationId)));
    expect(page).toContain("Pay for 2 seats");
    const seats = await org.client.request(billing(org.organizationId), { method: "POST", form: { intent: "seats" } });
    expect(seats.status).toBe(200);
    await expect
      .poll(
        async () =>
          (await prisma.billingSubscription.findFirst({ where: { organizationId: org.organizationId } }))?.seats,
      )
      .toBe(2);
    const update = stack.stripe.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/subscriptions/"));
    expect(update.at(-1)!.params).toMatchObject({
      items: [{ quantity: "2" }],
      proration_behavior: "create_prorations",
    });

    // The audit log holds what the owner asked of Stripe and what Stripe's webhooks changed
    // (the webhook may land before the request that caused it returns: compare as a set).
    await expect.poll(async () => (await auditTrail(org.organizationId)).length).toBe(5);
    const trail = await auditTrail(org.organizationId);
    const owner = { actorId: org.owner.id, ip: expect.any(String) };
    const stripe = { actorId: null, actorName: expect.stringMatching(/^System \(Stripe, customer\.subscription\./) };
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "billing.checkout_started",
          ...owner,
          after: expect.objectContaining({ tier: "PRO", seats: 1 }),
        }),
        expect.objectContaining({
          action: "billing.tier_changed",
          ...stripe,
          before: { tier: "FREE" },
          after: { tier: "PRO" },
        }),
        expect.objectContaining({
          action: "billing.plan_change_requested",
          ...owner,
          after: { tier: "ENTERPRISE", seats: 1 },
        }),
        expect.objectContaining({
          action: "billing.tier_changed",
          ...stripe,
          before: { tier: "PRO" },
          after: { tier: "ENTERPRISE" },
        }),
        expect.objectContaining({
          action: "billing.seats_change_requested",
          ...owner,
          before: { seats: 1 },
          after: { seats: 2 },
        }),
      ]),
    );
  });

  it("opens the customer portal, where cancelling keeps the plan until the period ends", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl);
    await upgrade(org.client, org.organizationId, "PRO");
    const portal = await org.client.request(billing(org.organizationId), {
      method: "POST",
      form: { intent: "portal" },
    });
    expect(portal.status).toBe(302);
    const portalUrl = portal.headers.get("location")!;
    expect(portalUrl.startsWith(`${stack.stripe.baseUrl}/p/session/bps_test_`)).toBe(true);
    const cancelled = await fetch(`${portalUrl}/cancel`, { method: "POST", redirect: "manual" });
    expect(cancelled.headers.get("location")).toBe(`${stack.app.baseUrl}${billing(org.organizationId)}`);

    expect(await tierOf(org.organizationId)).toBe("PRO");
    const page = await pageText(await org.client.request(billing(org.organizationId)));
    expect(page).toMatch(/data-testid="billing-status">Ends on \d+ \w+ \d{4} \(cancelled\)/);
    expect(page).toMatch(/data-testid="next-invoice">None scheduled/);
    expect((await auditTrail(org.organizationId)).map((e) => e.action)).toContain("billing.portal_opened");
  });

  it("explains a Stripe outage without charging or changing anything", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl);
    // The SDK retries twice; all three attempts fail.
    stack.stripe.failNext(3, 500, { type: "api_error", message: "An unknown error occurred" });
    const response = await org.client.request(billing(org.organizationId), {
      method: "POST",
      form: { intent: "checkout", tier: "PRO" },
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Stripe could not be reached just now. Nothing was charged");
    expect(await tierOf(org.organizationId)).toBe("FREE");
    expect(await auditTrail(org.organizationId)).toEqual([]);
  });
});

describe("who may see and change billing", () => {
  it("lets owners and admins in, tells members no, and answers 404 to outsiders", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl, ["ADMIN", "MEMBER", "VIEWER"]);
    const [admin, member, viewer] = await Promise.all([org.signIn(0), org.signIn(1), org.signIn(2)]);
    expect((await admin.request(billing(org.organizationId))).status).toBe(200);
    for (const person of [member, viewer]) {
      const response = await person.request(billing(org.organizationId));
      expect(response.status).toBe(403);
      const post = await person.request(billing(org.organizationId), {
        method: "POST",
        form: { intent: "checkout", tier: "PRO" },
      });
      expect(post.status).toBe(403);
    }
    const outsider = await createUser("Outsider");
    const stranger = new CookieClient(stack.app.baseUrl);
    await stranger.logIn(outsider.email, TEST_PASSWORD);
    expect((await stranger.request(billing(org.organizationId))).status).toBe(404);
    expect((await stranger.request("/orgs/not-a-uuid/billing")).status).toBe(404);
    const anonymous = await new CookieClient(stack.app.baseUrl).request(billing(org.organizationId));
    expect(anonymous.status).toBe(302);
  });

  it("refuses bad input with a message, never a 500", async () => {
    const org = await organizationWithOwner(stack.app.baseUrl);
    const bad: Record<string, string>[] = [
      {},
      { intent: "checkout" },
      { intent: "checkout", tier: "FREE" },
      { intent: "checkout", tier: "PRO\u0000" },
      { intent: "set-tier\ud800", tier: "PRO" },
      { intent: "x".repeat(100_000) },
      { intent: "change-plan", tier: "GOLD" },
    ];
    for (const form of bad) {
      const response = await org.client.request(billing(org.organizationId), { method: "POST", form });
      expect(response.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      // NUL and lone surrogates are refused by the shared form check (app/http/text-safety.ts).
      expect(await response.text()).toMatch(/Choose (a plan|what to do)|cannot be stored|is not text/);
    }
    // While billing is on, the plan is Stripe's business: setting it directly is refused.
    const direct = await org.client.request(billing(org.organizationId), {
      method: "POST",
      form: { intent: "set-tier", tier: "ENTERPRISE" },
    });
    expect(direct.status).toBe(409);
    expect(await tierOf(org.organizationId)).toBe("FREE");
  });
});
