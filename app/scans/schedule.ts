import { daysAfter, sameTimeNextMonth } from "~/time/days";

/**
 * When a target's next automatic rescan is due: a week later, or the same day next month
 * (the last day when the month is shorter), at the same time of day (UTC).
 */
export type Cadence = "WEEKLY" | "MONTHLY";

export function nextRunAfter(cadence: Cadence, from: Date): Date {
  return cadence === "WEEKLY" ? daysAfter(from, 7) : sameTimeNextMonth(from);
}

export const CADENCE_LABELS: Record<Cadence, string> = { WEEKLY: "Every week", MONTHLY: "Every month" };
