import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import type { Tier } from "~/generated/prisma/enums";
import { billingEnabled } from "./stripe.server";

/**
 * Without Stripe (a laptop, or a self-hosted install that does not charge), owners set the
 * tier themselves. Refused while billing is on: then only Stripe's webhooks move the tier.
 */
export async function setTierDirectly(organizationId: string, tier: Tier, origin: AuditOrigin) {
  if (billingEnabled())
    return { ok: false as const, message: "Billing is on: the plan changes through Stripe Checkout." };
  return prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ tier: Tier; name: string }[]>`
      SELECT "tier", "name" FROM "Organization" WHERE "id" = ${organizationId} FOR NO KEY UPDATE`;
    if (!before) return { ok: false as const, message: "That organisation no longer exists." };
    if (before.tier === tier) return { ok: true as const, changed: false };
    await tx.organization.update({ where: { id: organizationId }, data: { tier } });
    await recordAudit(
      {
        ...origin,
        organizationId,
        action: "billing.tier_changed",
        target: { type: "organization", id: organizationId, label: before.name },
        before: { tier: before.tier },
        after: { tier },
      },
      tx,
    );
    return { ok: true as const, changed: true };
  });
}
