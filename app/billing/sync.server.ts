import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Tier } from "~/generated/prisma/enums";
import {
  StripeInvoiceSchema,
  StripeSubscriptionSchema,
  invoiceColumns,
  invoiceVerdict,
  subscriptionColumns,
  subscriptionVerdict,
  tierFromSubscriptions,
} from "./snapshots";
import { tierOfPrice } from "./stripe.server";

/**
 * Applies one verified Stripe event to PostgreSQL, inside the caller's transaction (the one
 * that also records the event id). Subscriptions and invoices keep the newest snapshot only
 * (./snapshots.ts); the organisation's tier is then derived from all its subscriptions.
 * Every event of one organisation takes that organisation's row lock first, so concurrent
 * deliveries are applied one after another and the derived tier is never computed from a
 * half-seen state.
 */
export type EventOutcome = { outcome: "applied" | "stale" | "ignored"; organizationId: string | null };

export class UnreadableEvent extends Error {}

type StripeEventLike = { id: string; type: string; created: number; data: { object: unknown } };

const Uuid = z.string().uuid();

const CheckoutSessionSchema = z.object({
  object: z.literal("checkout.session"),
  mode: z.string().optional(),
  client_reference_id: z.string().nullable().optional(),
  customer: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

export async function applyStripeEvent(tx: Prisma.TransactionClient, event: StripeEventLike): Promise<EventOutcome> {
  if (event.type.startsWith("customer.subscription.")) return applySubscription(tx, event);
  if (event.type.startsWith("invoice.") && event.type !== "invoice.deleted" && event.type !== "invoice.upcoming")
    return applyInvoice(tx, event);
  if (event.type === "checkout.session.completed") return linkCheckoutCustomer(tx, event);
  return { outcome: "ignored", organizationId: null };
}

function parse<S extends z.ZodType>(schema: S, event: StripeEventLike): z.infer<S> {
  const parsed = schema.safeParse(event.data.object);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UnreadableEvent(
    `The ${event.type} event ${event.id} has an object we cannot read (${issue?.path.join(".") || "object"}: ${issue?.message}).`,
  );
}

async function applySubscription(tx: Prisma.TransactionClient, event: StripeEventLike): Promise<EventOutcome> {
  const subscription = parse(StripeSubscriptionSchema, event);
  const organization = await lockedOrganization(tx, subscription.metadata?.organizationId, subscription.customer);
  if (!organization) return { outcome: "ignored", organizationId: null };
  const organizationId = organization.id;

  const held = await tx.billingSubscription.findUnique({
    where: { id: subscription.id },
    select: { snapshotAt: true, status: true },
  });
  if (subscriptionVerdict(held, { eventCreated: event.created, status: subscription.status }) === "stale")
    return { outcome: "stale", organizationId };

  const columns = {
    ...subscriptionColumns(subscription, tierOfPrice),
    snapshotAt: new Date(event.created * 1000),
    snapshotEventId: event.id,
  };
  await tx.billingSubscription.upsert({
    where: { id: subscription.id },
    create: { id: subscription.id, organizationId, ...columns },
    update: columns,
  });
  if (!organization.stripeCustomerId)
    await tx.organization.update({ where: { id: organizationId }, data: { stripeCustomerId: subscription.customer } });
  await deriveTier(tx, organization, event);
  return { outcome: "applied", organizationId };
}

async function applyInvoice(tx: Prisma.TransactionClient, event: StripeEventLike): Promise<EventOutcome> {
  const invoice = parse(StripeInvoiceSchema, event);
  const organization = await lockedOrganization(
    tx,
    invoice.parent?.subscription_details?.metadata?.organizationId,
    invoice.customer,
  );
  if (!organization) return { outcome: "ignored", organizationId: null };
  const organizationId = organization.id;

  const held = await tx.billingInvoice.findUnique({
    where: { id: invoice.id },
    select: { snapshotAt: true, status: true },
  });
  const columns = { ...invoiceColumns(invoice), snapshotAt: new Date(event.created * 1000), snapshotEventId: event.id };
  if (invoiceVerdict(held, { eventCreated: event.created, status: columns.status }) === "stale")
    return { outcome: "stale", organizationId };
  await tx.billingInvoice.upsert({
    where: { id: invoice.id },
    create: { id: invoice.id, organizationId, ...columns },
    update: columns,
  });
  return { outcome: "applied", organizationId };
}

/** Checkout created the customer we made for the organisation; this only fills a link that is missing. */
async function linkCheckoutCustomer(tx: Prisma.TransactionClient, event: StripeEventLike): Promise<EventOutcome> {
  const session = parse(CheckoutSessionSchema, event);
  const customer = typeof session.customer === "string" ? session.customer : (session.customer?.id ?? null);
  const organization = await lockedOrganization(
    tx,
    session.metadata?.organizationId ?? session.client_reference_id ?? undefined,
    customer,
  );
  if (!organization || !customer || organization.stripeCustomerId)
    return { outcome: "ignored", organizationId: organization?.id ?? null };
  await tx.organization.update({ where: { id: organization.id }, data: { stripeCustomerId: customer } });
  return { outcome: "applied", organizationId: organization.id };
}

type LockedOrganization = { id: string; name: string; tier: Tier; stripeCustomerId: string | null };

/**
 * Which organisation an object belongs to (the id we put in its metadata when we created it,
 * else the organisation its customer belongs to), with its row locked: every billing change of
 * one organisation runs one after another (NO KEY: rows that reference it may still be
 * inserted meanwhile). Neither: not ours (another product on the same Stripe account).
 */
async function lockedOrganization(
  tx: Prisma.TransactionClient,
  metadataOrganizationId: string | undefined,
  customerId: string | null,
): Promise<LockedOrganization | null> {
  if (metadataOrganizationId && Uuid.safeParse(metadataOrganizationId).success) {
    const [byId] = await tx.$queryRaw<LockedOrganization[]>`
      SELECT "id", "name", "tier", "stripeCustomerId" FROM "Organization" WHERE "id" = ${metadataOrganizationId} FOR NO KEY UPDATE`;
    if (byId) return byId;
  }
  if (!customerId) return null;
  const [byCustomer] = await tx.$queryRaw<LockedOrganization[]>`
    SELECT "id", "name", "tier", "stripeCustomerId" FROM "Organization" WHERE "stripeCustomerId" = ${customerId} FOR NO KEY UPDATE`;
  return byCustomer ?? null;
}

async function deriveTier(tx: Prisma.TransactionClient, organization: LockedOrganization, event: StripeEventLike) {
  const subscriptions = await tx.billingSubscription.findMany({
    where: { organizationId: organization.id },
    select: { status: true, tier: true },
  });
  const tier: Tier = tierFromSubscriptions(subscriptions);
  if (tier === organization.tier) return;
  await tx.organization.update({ where: { id: organization.id }, data: { tier } });
  await recordAudit(
    {
      actor: { system: `Stripe, ${event.type} ${event.id}` },
      organizationId: organization.id,
      action: "billing.tier_changed",
      target: { type: "organization", id: organization.id, label: organization.name },
      before: { tier: organization.tier },
      after: { tier },
    },
    tx,
  );
}
