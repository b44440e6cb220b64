import { prisma } from "~/db/client.server";
import { seatUsage } from "~/orgs/organization.server";
import { PAID_TIERS, type PaidTier } from "./plans";
import { entitles } from "./snapshots";
import { billingEnabled, priceIdFor, stripe } from "./stripe.server";

/**
 * What the billing page shows, read from PostgreSQL (what Stripe's webhooks told us), so the
 * page works and is fast whatever Stripe's state: the plan and its status, seats paid against
 * members, the next invoice, a failed payment and when Stripe retries it, and past invoices.
 * Only the plans' per-seat prices come from Stripe, cached for ten minutes.
 */
export async function billingOverview(organizationId: string) {
  const [organization, seats, subscriptions, invoices] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { tier: true, stripeCustomerId: true },
    }),
    seatUsage(prisma, organizationId),
    prisma.billingSubscription.findMany({ where: { organizationId }, orderBy: { snapshotAt: "desc" } }),
    prisma.billingInvoice.findMany({
      where: { organizationId, status: { not: "draft" } },
      orderBy: { issuedAt: "desc" },
      take: 24,
    }),
  ]);
  // The one paying now, else the latest (to say when it ended).
  const subscription = subscriptions.find((s) => entitles(s.status)) ?? subscriptions[0] ?? null;
  const paying = subscription && entitles(subscription.status) ? subscription : null;
  const unpaid = invoices.find((i) => i.status === "open" && i.attemptCount > 0 && i.subscriptionId === paying?.id);

  return {
    enabled: billingEnabled(),
    tier: organization.tier,
    hasCustomer: Boolean(organization.stripeCustomerId),
    seats,
    subscription: subscription && {
      id: subscription.id,
      status: subscription.status,
      paying: Boolean(paying),
      tier: subscription.tier,
      seats: subscription.seats,
      unitAmount: subscription.unitAmount,
      currency: subscription.currency,
      interval: subscription.interval,
      currentPeriodEnd: iso(subscription.currentPeriodEnd),
      cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
      endedAt: iso(subscription.endedAt),
    },
    nextInvoice:
      paying && !paying.cancelAtPeriodEnd && paying.unitAmount !== null && paying.currentPeriodEnd
        ? {
            date: paying.currentPeriodEnd.toISOString(),
            amount: paying.unitAmount * paying.seats,
            currency: paying.currency,
          }
        : null,
    paymentProblem: unpaid
      ? {
          amountDue: unpaid.amountDue,
          currency: unpaid.currency,
          nextAttempt: iso(unpaid.nextPaymentAttempt),
          hostedInvoiceUrl: unpaid.hostedInvoiceUrl,
        }
      : null,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      status: i.status,
      total: i.total,
      currency: i.currency,
      issuedAt: i.issuedAt.toISOString(),
      periodStart: iso(i.periodStart),
      periodEnd: iso(i.periodEnd),
      hostedInvoiceUrl: i.hostedInvoiceUrl,
      invoicePdf: i.invoicePdf,
    })),
    prices: billingEnabled() ? await planPrices() : null,
  };
}

export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type PlanPrice = { unitAmount: number | null; currency: string; interval: string | null } | null;

let priceCache: { at: number; prices: Record<PaidTier, PlanPrice> } | undefined;

/** Per-seat prices for the plan cards; a plan whose price Stripe does not give shows without one. */
async function planPrices(): Promise<Record<PaidTier, PlanPrice>> {
  if (priceCache && Date.now() - priceCache.at < 600_000) return priceCache.prices;
  const entries = await Promise.all(
    PAID_TIERS.map(async (tier): Promise<[PaidTier, PlanPrice]> => {
      try {
        const price = await stripe().prices.retrieve(priceIdFor(tier));
        return [
          tier,
          { unitAmount: price.unit_amount, currency: price.currency, interval: price.recurring?.interval ?? null },
        ];
      } catch (error) {
        console.error(`Could not read the ${tier} price from Stripe: ${(error as Error).message}`);
        return [tier, null];
      }
    }),
  );
  const prices = Object.fromEntries(entries) as Record<PaidTier, PlanPrice>;
  if (entries.every(([, p]) => p)) priceCache = { at: Date.now(), prices };
  return prices;
}
