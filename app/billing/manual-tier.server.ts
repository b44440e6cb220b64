import { prisma } from "~/db/client.server";
import type { Tier } from "~/generated/prisma/enums";
import { recordBillingAction } from "./audit.server";
import { billingEnabled } from "./stripe.server";

/**
 * Without Stripe (a laptop, or a self-hosted install that does not charge), owners set the
 * tier themselves. Refused while billing is on: then only Stripe's webhooks move the tier.
 */
export async function setTierDirectly(organizationId: string, tier: Tier, actor: { userId: string; via: string }) {
  if (billingEnabled())
    return { ok: false as const, message: "Billing is on: the plan changes through Stripe Checkout." };
  return prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ tier: Tier }[]>`
      SELECT "tier" FROM "Organization" WHERE "id" = ${organizationId} FOR NO KEY UPDATE`;
    if (!before) return { ok: false as const, message: "That organisation no longer exists." };
    if (before.tier === tier) return { ok: true as const, changed: false };
    await tx.organization.update({ where: { id: organizationId }, data: { tier } });
    await recordBillingAction(tx, {
      organizationId,
      actorId: actor.userId,
      action: "billing.tier_changed",
      before: { tier: before.tier },
      after: { tier },
      via: actor.via,
    });
    return { ok: true as const, changed: true };
  });
}
