import { DAILY_GENERATION_LIMITS } from "~/ai/quota";
import type { Tier } from "~/generated/prisma/enums";

/** The tiers, as the billing page and the server describe them. */
export const PAID_TIERS = ["PRO", "ENTERPRISE"] as const;
export type PaidTier = (typeof PAID_TIERS)[number];
export const TIERS = ["FREE", ...PAID_TIERS] as const satisfies readonly Tier[];

export const isPaidTier = (tier: Tier): tier is PaidTier => tier !== "FREE";

export const TIER_LABELS: Record<Tier, string> = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise" };

/** What each tier gives, in the words the plan cards use. */
export function tierBenefits(tier: Tier): string[] {
  const limit = DAILY_GENERATION_LIMITS[tier];
  const ai = limit === null ? "Unlimited AI generations" : `${limit} AI generations a day per person`;
  const extras: Record<Tier, string[]> = {
    FREE: ["Every document kind, live with your team"],
    PRO: ["Everything in Free", "Billed per seat"],
    ENTERPRISE: ["Everything in Pro", "Billed per seat"],
  };
  return [ai, ...extras[tier]];
}

/** Stripe's subscription statuses in words a person understands. */
export const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment failed: Stripe is retrying",
  unpaid: "Unpaid",
  canceled: "Canceled",
  incomplete: "Waiting for the first payment",
  incomplete_expired: "Expired before the first payment",
  paused: "Paused",
};
