import Stripe from "stripe";
import { recordAudit, type AuditEntry, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { seatUsage } from "~/orgs/organization.server";
import { seatsInUse } from "~/orgs/seats";
import { TIER_LABELS, type PaidTier } from "./plans";
import { entitles } from "./snapshots";
import { priceIdFor, stripe } from "./stripe.server";

/**
 * What owners and admins ask Stripe to do: pay for a plan (Checkout), manage cards, invoices
 * and cancellation (the customer portal), switch plan or match the paid seats to the seats in use.
 * None of these changes the tier here: Stripe's webhooks do, once Stripe has the money or the
 * change (./webhooks.server.ts). Each request carries an idempotency key, so a double click or
 * a retried request never creates a second session, customer or change.
 */
export type Actor = { organizationId: string; organizationName: string; email: string; origin: AuditOrigin };
export type BillingRedirect = { ok: true; url: string } | { ok: false; message: string };

/** The seats to pay for: those in use, members and pending invitations (~/orgs/seats), at least one. */
export async function seatCount(organizationId: string) {
  return Math.max(1, seatsInUse(await seatUsage(prisma, organizationId)));
}

/** The subscription that currently pays for the organisation, if any. */
export async function payingSubscription(organizationId: string) {
  const subscriptions = await prisma.billingSubscription.findMany({
    where: { organizationId },
    orderBy: { snapshotAt: "desc" },
  });
  return subscriptions.find((s) => entitles(s.status)) ?? null;
}

export async function startCheckout(actor: Actor, tier: PaidTier, origin: string): Promise<BillingRedirect> {
  if (await payingSubscription(actor.organizationId))
    return { ok: false, message: "This organisation already has a paid plan: switch plans below instead." };
  const seats = await seatCount(actor.organizationId);
  const billingPage = `${origin}/orgs/${actor.organizationId}/billing`;
  // The same plan and seats within ten minutes reuse one session: two tabs cannot buy twice.
  const window = Math.floor(Date.now() / 600_000);
  return callStripe(async () => {
    const customer = await ensureCustomer(actor);
    const session = await stripe().checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: actor.organizationId,
        line_items: [{ price: priceIdFor(tier), quantity: seats }],
        subscription_data: { metadata: { organizationId: actor.organizationId } },
        metadata: { organizationId: actor.organizationId, tier },
        success_url: `${billingPage}?checkout=done`,
        cancel_url: `${billingPage}?checkout=canceled`,
      },
      { idempotencyKey: `checkout:${actor.organizationId}:${tier}:${seats}:${window}` },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
    await audit(actor, "billing.checkout_started", { after: { tier, seats, session: session.id } });
    return session.url;
  });
}

export async function openCustomerPortal(actor: Actor, origin: string): Promise<BillingRedirect> {
  const organization = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { stripeCustomerId: true },
  });
  if (!organization.stripeCustomerId)
    return { ok: false, message: "There is nothing to manage yet: choose a plan first." };
  return callStripe(async () => {
    const session = await stripe().billingPortal.sessions.create({
      customer: organization.stripeCustomerId!,
      return_url: `${origin}/orgs/${actor.organizationId}/billing`,
    });
    await audit(actor, "billing.portal_opened");
    return session.url;
  });
}

export type ChangeResult = { ok: true; message: string } | { ok: false; message: string };

/** Switches the paying subscription to another plan (prorated); the webhook then moves the tier. */
export async function changePlan(actor: Actor, tier: PaidTier): Promise<ChangeResult> {
  const current = await payingSubscription(actor.organizationId);
  if (!current) return { ok: false, message: "There is no paid plan to switch: choose a plan first." };
  if (current.tier === tier) return { ok: false, message: `You are on ${TIER_LABELS[tier]} already.` };
  const seats = await seatCount(actor.organizationId);
  return updateSubscriptionItem(actor, current.id, { price: priceIdFor(tier), quantity: seats }, () =>
    audit(actor, "billing.plan_change_requested", {
      before: { tier: current.tier, seats: current.seats },
      after: { tier, seats },
    }),
  ).then((r) =>
    r.ok ? { ok: true, message: `Switching to ${TIER_LABELS[tier]}: the plan changes as soon as Stripe confirms.` } : r,
  );
}

/** Sets the paid seats to the seats in use (prorated). */
export async function matchSeatsToMembers(actor: Actor): Promise<ChangeResult> {
  const current = await payingSubscription(actor.organizationId);
  if (!current) return { ok: false, message: "There is no paid plan whose seats could change." };
  const seats = await seatCount(actor.organizationId);
  if (seats === current.seats) return { ok: false, message: `You already pay for ${seats} seats.` };
  return updateSubscriptionItem(actor, current.id, { quantity: seats }, () =>
    audit(actor, "billing.seats_change_requested", { before: { seats: current.seats }, after: { seats } }),
  ).then((r) => (r.ok ? { ok: true, message: `Changing to ${seats} seats: Stripe prorates the difference.` } : r));
}

async function updateSubscriptionItem(
  actor: Actor,
  subscriptionId: string,
  change: { price?: string; quantity: number },
  audit: () => Promise<void>,
): Promise<ChangeResult> {
  const result = await callStripe(async () => {
    const subscription = await stripe().subscriptions.retrieve(subscriptionId);
    const item = subscription.items.data[0];
    if (!item) throw new Error(`Subscription ${subscriptionId} has no item`);
    await stripe().subscriptions.update(
      subscriptionId,
      {
        items: [{ id: item.id, ...change }],
        proration_behavior: "create_prorations",
        metadata: { organizationId: actor.organizationId },
      },
      { idempotencyKey: `change:${subscriptionId}:${change.price ?? item.price.id}:${change.quantity}:${item.id}` },
    );
    await audit();
    return "";
  });
  return result.ok ? { ok: true, message: "" } : result;
}

/**
 * The organisation's Stripe customer, created once: the organisation id goes into its
 * metadata and every later object, so webhooks find their way back. Concurrent first clicks
 * share the idempotency key and so get the same customer.
 */
async function ensureCustomer(actor: Actor): Promise<string> {
  const organization = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { name: true, stripeCustomerId: true },
  });
  if (organization.stripeCustomerId) return organization.stripeCustomerId;
  const customer = await stripe().customers.create(
    { name: organization.name, email: actor.email, metadata: { organizationId: actor.organizationId } },
    { idempotencyKey: `customer:${actor.organizationId}` },
  );
  await prisma.organization.updateMany({
    where: { id: actor.organizationId, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  const stored = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { stripeCustomerId: true },
  });
  return stored.stripeCustomerId!;
}

/** Recorded once Stripe has accepted the request: what was asked of it, by whom. */
function audit(actor: Actor, action: AuditEntry["action"], change: Pick<AuditEntry, "before" | "after"> = {}) {
  return recordAudit({
    ...actor.origin,
    organizationId: actor.organizationId,
    action,
    target: { type: "organization", id: actor.organizationId, label: actor.organizationName },
    ...change,
  });
}

/** Stripe's errors in words for the page; anything else is ours and is thrown. */
async function callStripe(run: () => Promise<string>): Promise<BillingRedirect> {
  try {
    return { ok: true, url: await run() };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      console.error(`Stripe refused a billing request: ${error.type} ${error.code ?? ""} ${error.message}`);
      if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError)
        return {
          ok: false,
          message: "Stripe could not be reached just now. Nothing was charged; try again in a minute.",
        };
      if (error instanceof Stripe.errors.StripeRateLimitError)
        return { ok: false, message: "Stripe is busy just now. Nothing was charged; try again in a minute." };
      return { ok: false, message: "Stripe refused the request. Nothing was charged; the error has been logged." };
    }
    throw error;
  }
}
