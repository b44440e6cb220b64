/**
 * UTC calendar days as "YYYY-MM-DD" strings: what spend queries take and return.
 * Strings, not Dates, so a day never shifts with a browser's or server's time zone.
 */
export type Day = string;
export type Bucket = "day" | "week" | "month";

const MS_PER_DAY = 86_400_000;

export const toDay = (date: Date): Day => date.toISOString().slice(0, 10);
const toDate = (day: Day) => new Date(`${day}T00:00:00Z`);

export function addDays(day: Day, days: number): Day {
  return toDay(new Date(toDate(day).getTime() + days * MS_PER_DAY));
}

export function startOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function daysInMonth(day: Day): number {
  const date = toDate(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The first day of the bucket a day falls in (weeks start on Monday, as PostgreSQL's). */
export function bucketOf(day: Day, bucket: Bucket): Day {
  if (bucket === "day") return day;
  if (bucket === "month") return startOfMonth(day);
  const weekday = (toDate(day).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** Every bucket from the one holding `from` to the one holding `to`, in order. */
export function bucketsBetween(from: Day, to: Day, bucket: Bucket): Day[] {
  const buckets: Day[] = [];
  let current = bucketOf(from, bucket);
  while (current <= to) {
    buckets.push(current);
    if (bucket === "day") current = addDays(current, 1);
    else if (bucket === "week") current = addDays(current, 7);
    else current = startOfMonth(addDays(current, 32));
  }
  return buckets;
}
