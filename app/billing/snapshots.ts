import { z } from "zod";
import type { Tier } from "~/generated/prisma/enums";

/**
 * What a Stripe webhook tells us about a subscription or an invoice, parsed from the event's
 * object (only the fields we keep), and the rules that decide whether it is newer than what
 * we hold. Pure: no database, no SDK (docs/decisions/075-stripe-webhooks-by-snapshot-time.md).
 *
 * Stripe sends events late, twice and out of order. Each event is a snapshot of the object at
 * the event's `created` second. We keep, per subscription and per invoice, the snapshot with
 * the latest `created`; within one second (a Checkout fires several) the snapshot further
 * along the object's own lifecycle wins; and a subscription that ended never comes back.
 */
const seconds = z.number().int().nonnegative();
const id = z.string().min(1).max(255);
const expandable = z.union([id, z.object({ id })]).transform((v) => (typeof v === "string" ? v : v.id));

export const StripeSubscriptionSchema = z.object({
  id,
  object: z.literal("subscription"),
  customer: expandable,
  status: z.string().min(1).max(40),
  cancel_at_period_end: z.boolean().default(false),
  cancel_at: seconds.nullable().default(null),
  ended_at: seconds.nullable().default(null),
  metadata: z.record(z.string(), z.string()).nullable().default({}),
  items: z.object({
    data: z
      .array(
        z.object({
          quantity: z.number().int().nonnegative().optional(),
          current_period_start: seconds.optional(),
          current_period_end: seconds.optional(),
          price: z.object({
            id,
            unit_amount: z.number().int().nullable().optional(),
            currency: z.string().min(3).max(3),
            recurring: z.object({ interval: z.string() }).nullable().optional(),
          }),
        }),
      )
      .min(1, "a subscription has at least one item"),
  }),
});

export const StripeInvoiceSchema = z.object({
  id,
  object: z.literal("invoice"),
  customer: expandable.nullable(),
  number: z.string().nullable().default(null),
  status: z.string().min(1).max(40).nullable(),
  currency: z.string().min(3).max(3),
  total: z.number().int(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  created: seconds,
  period_start: seconds.nullable().default(null),
  period_end: seconds.nullable().default(null),
  hosted_invoice_url: z.string().url().nullable().optional(),
  invoice_pdf: z.string().url().nullable().optional(),
  attempt_count: z.number().int().nonnegative().default(0),
  next_payment_attempt: seconds.nullable().default(null),
  parent: z
    .object({
      subscription_details: z
        .object({ subscription: expandable, metadata: z.record(z.string(), z.string()).nullable().optional() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});

export type StripeSubscription = z.infer<typeof StripeSubscriptionSchema>;
export type StripeInvoice = z.infer<typeof StripeInvoiceSchema>;

/** The statuses in which Stripe still expects the subscription to be paid for: they keep the tier. */
const ENTITLED = new Set(["active", "trialing", "past_due"]);

/**
 * A failed payment makes a subscription past_due while Stripe retries (its grace period); only
 * when the retries are exhausted does it become unpaid or canceled. So past_due keeps the tier.
 */
export const entitles = (status: string) => ENTITLED.has(status);

/** A canceled or expired subscription never changes again (Stripe starts a new one instead). */
export const isFinal = (status: string) => status === "canceled" || status === "incomplete_expired";

/** How far along its lifecycle a status is: breaks ties between snapshots of one second. */
const SUBSCRIPTION_STAGE: Record<string, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  paused: 3,
  unpaid: 4,
  canceled: 5,
  incomplete_expired: 5,
};
const INVOICE_STAGE: Record<string, number> = { draft: 0, open: 1, paid: 2, uncollectible: 2, void: 3 };

export type Held = { snapshotAt: Date; status: string };
export type Incoming = { eventCreated: number; status: string };

export type Verdict = "apply" | "stale";

/** Whether a subscription snapshot replaces the one held. */
export function subscriptionVerdict(held: Held | null, incoming: Incoming): Verdict {
  if (!held) return "apply";
  if (isFinal(held.status) && !isFinal(incoming.status)) return "stale";
  return newer(held, incoming, SUBSCRIPTION_STAGE) ? "apply" : "stale";
}

/** Whether an invoice snapshot replaces the one held (a paid or void invoice is never reopened). */
export function invoiceVerdict(held: Held | null, incoming: Incoming): Verdict {
  if (!held) return "apply";
  const finalStage = INVOICE_STAGE.paid!;
  if ((INVOICE_STAGE[held.status] ?? 0) >= finalStage && (INVOICE_STAGE[incoming.status] ?? 0) < finalStage)
    return "stale";
  return newer(held, incoming, INVOICE_STAGE) ? "apply" : "stale";
}

function newer(held: Held, incoming: Incoming, stages: Record<string, number>) {
  const heldSecond = Math.floor(held.snapshotAt.getTime() / 1000);
  if (incoming.eventCreated !== heldSecond) return incoming.eventCreated > heldSecond;
  // Within one second, the later stage; a repeat of the same stage changes nothing harmful.
  return (stages[incoming.status] ?? 0) >= (stages[held.status] ?? 0);
}

const date = (s: number | null | undefined) => (s === null || s === undefined ? null : new Date(s * 1000));

/** The columns of BillingSubscription a snapshot sets (the tier comes from the price). */
export function subscriptionColumns(subscription: StripeSubscription, tierOfPrice: (priceId: string) => Tier | null) {
  const item = subscription.items.data[0]!;
  return {
    customerId: subscription.customer,
    status: subscription.status,
    tier: tierOfPrice(item.price.id),
    priceId: item.price.id,
    seats: item.quantity ?? 1,
    unitAmount: item.price.unit_amount ?? null,
    currency: item.price.currency.toLowerCase(),
    interval: item.price.recurring?.interval ?? null,
    currentPeriodStart: date(item.current_period_start),
    currentPeriodEnd: date(item.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    cancelAt: date(subscription.cancel_at),
    endedAt: date(subscription.ended_at),
  };
}

export function invoiceColumns(invoice: StripeInvoice) {
  return {
    subscriptionId: invoice.parent?.subscription_details?.subscription ?? null,
    number: invoice.number,
    status: invoice.status ?? "draft",
    currency: invoice.currency.toLowerCase(),
    total: invoice.total,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    periodStart: date(invoice.period_start),
    periodEnd: date(invoice.period_end),
    issuedAt: date(invoice.created)!,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    attemptCount: invoice.attempt_count,
    nextPaymentAttempt: date(invoice.next_payment_attempt),
  };
}

const TIER_RANK: Record<Tier, number> = { FREE: 0, PRO: 1, ENTERPRISE: 2 };

/** The organisation's tier: the best tier any of its subscriptions still entitles it to, else Free. */
export function tierFromSubscriptions(subscriptions: { status: string; tier: Tier | null }[]): Tier {
  let best: Tier = "FREE";
  for (const s of subscriptions) {
    if (s.tier && entitles(s.status) && TIER_RANK[s.tier] > TIER_RANK[best]) best = s.tier;
  }
  return best;
}
