/**
 * When a target's next automatic rescan is due: a week later, or the same day next month
 * (the last day when the month is shorter), at the same time of day (UTC).
 */
export type Cadence = "WEEKLY" | "MONTHLY";

export function nextRunAfter(cadence: Cadence, from: Date): Date {
  if (cadence === "WEEKLY") return new Date(from.getTime() + 7 * 86_400_000);
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes()),
  );
}

export const CADENCE_LABELS: Record<Cadence, string> = { WEEKLY: "Every week", MONTHLY: "Every month" };
