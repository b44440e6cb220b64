import type { Tier } from "~/generated/prisma/enums";
import { TIER_LABELS } from "~/billing/plans";
import { seatsInUse, type SeatUsage } from "../seats";

/** Seats used out of the plan's, as a bar and in words. */
export function SeatMeter({ seats, tier }: { seats: SeatUsage; tier: Tier }) {
  const used = seatsInUse(seats);
  const label =
    seats.limit === null
      ? `${used} seats used (${seats.members} members, ${seats.pending} pending) · ${TIER_LABELS[tier]}: unlimited seats`
      : `${used} of ${seats.limit} seats used (${seats.members} members, ${seats.pending} pending) · ${TIER_LABELS[tier]} plan`;
  return (
    <div className="seat-meter" data-testid="seat-meter">
      {seats.limit === null ? null : (
        <meter
          min={0}
          max={seats.limit}
          value={Math.min(used, seats.limit)}
          high={seats.limit - 0.5}
          aria-label="Seats used"
        />
      )}
      <span>{label}</span>
    </div>
  );
}
