import type { Tier } from "~/generated/prisma/enums";

/** AI generations per person per UTC day, by the organisation's tier; null: unlimited. */
export const DAILY_GENERATION_LIMITS: Record<Tier, number | null> = {
  FREE: 50,
  PRO: 200,
  ENTERPRISE: null,
};

/** The UTC day a moment falls on (quotas reset at 00:00 UTC, the same for everyone). */
export function utcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(utcDay(now).getTime() + 86_400_000);
}

export function utcMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

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
