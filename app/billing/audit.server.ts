import type { Prisma } from "~/generated/prisma/client";

/**
 * The one call site through which every administrative billing action is audited: tier
 * changes (by Stripe's webhooks or by an owner while billing is off), Checkout started, plan
 * and seat changes, portal sessions. The audit log (app/audit, issue 11 part A) has not landed
 * on main yet; until it does, each action is written here as one structured log line, and
 * this function is the only place to hand it to app/audit instead (inside `tx`, so an action
 * and its audit entry commit together).
 */
export type BillingAction = {
  organizationId: string;
  /** Who did it; null for Stripe (the event is in `via`). */
  actorId: string | null;
  action:
    | "billing.tier_changed"
    | "billing.checkout_started"
    | "billing.plan_change_requested"
    | "billing.seats_change_requested"
    | "billing.portal_opened";
  before?: unknown;
  after?: unknown;
  /** Where it came from: the client's address, or the Stripe event. */
  via: string;
};

export async function recordBillingAction(_tx: Prisma.TransactionClient | null, entry: BillingAction) {
  console.info(JSON.stringify({ audit: entry, at: new Date().toISOString() }));
}
