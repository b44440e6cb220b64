import { TIER_LABELS } from "~/billing/plans";
import type { Tier } from "~/generated/prisma/enums";

/**
 * Seats, the one definition: members plus pending invitations (an invitation holds its seat
 * until it is accepted, revoked or expires). Invitations are refused past the tier's limit
 * (null: unlimited); billing sells the same count per seat (Checkout's quantity, "Pay for N
 * seats"), so what people are invited to is what is paid for (docs/decisions/072).
 */
export const TIER_SEATS: Record<Tier, number | null> = { FREE: 5, PRO: 25, ENTERPRISE: null };

export type SeatUsage = { members: number; pending: number; limit: number | null };

export const seatsInUse = (usage: Pick<SeatUsage, "members" | "pending">) => usage.members + usage.pending;

export const seatsFree = (usage: SeatUsage) =>
  usage.limit === null ? Number.POSITIVE_INFINITY : usage.limit - seatsInUse(usage);

/** Why an invitation does not fit, in words an admin can act on. */
export function noSeatMessage(usage: SeatUsage, tier: Tier): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    `Every seat is taken: the ${TIER_LABELS[tier]} plan has ${plural(usage.limit ?? 0, "seat")}, ` +
    `used by ${plural(usage.members, "member")} and ${plural(usage.pending, "pending invitation")}. ` +
    "Revoke a pending invitation, remove a member, or move to a larger plan."
  );
}
