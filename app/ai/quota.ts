import type { Tier } from "~/generated/prisma/enums";

/** AI generations per person per UTC day (they reset at 00:00 UTC, the same for everyone), by the organisation's tier; null: unlimited. */
export const DAILY_GENERATION_LIMITS: Record<Tier, number | null> = {
  FREE: 50,
  PRO: 200,
  ENTERPRISE: null,
};

export type QuotaSummary = {
  tier: Tier;
  limit: number | null;
  used: number;
  left: number | null;
  resetAt: string;
  monthCostUsd: number;
  monthGenerations: number;
  organizationMonthCostUsd: number;
};
