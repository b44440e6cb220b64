/**
 * Days and months in UTC, the app's one calendar: quotas reset at 00:00 UTC, usage is
 * aggregated per UTC day, budgets per UTC month. Days are "YYYY-MM-DD" strings where they
 * travel (spend queries, charts): strings never shift with a browser's or server's time zone.
 */
export type Day = string;
export type Bucket = "day" | "week" | "month";

export const MS_PER_DAY = 86_400_000;

/** The UTC day an instant falls on, as "YYYY-MM-DD". */
export const toDay = (date: Date): Day => date.toISOString().slice(0, 10);
const toDate = (day: Day) => new Date(`${day}T00:00:00Z`);

/** 00:00 UTC of a "YYYY-MM-DD" day, as an instant (e.g. the bound of a query). */
export const startOfDay = (day: Day): Date => toDate(day);

/** Days since 1970-01-01 UTC, for arithmetic and models over consecutive days. */
export const epochDay = (date: Date): number => Math.floor(date.getTime() / MS_PER_DAY);
export const dateOfEpochDay = (day: number): Date => new Date(day * MS_PER_DAY);
export const epochDayOf = (day: Day): number => epochDay(toDate(day));
export const dayOfEpochDay = (day: number): Day => toDay(dateOfEpochDay(day));

/** 00:00 UTC of the day an instant falls on. */
export function dayStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** 00:00 UTC of the next day (when daily quotas reset). */
export function nextDayStart(date: Date): Date {
  return new Date(dayStart(date).getTime() + MS_PER_DAY);
}

/** 00:00 UTC of the first day of the month an instant falls in. */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The instant `days` days (of 24 hours) before or after `date`. */
export const daysBefore = (date: Date, days: number): Date => new Date(date.getTime() - days * MS_PER_DAY);
export const daysAfter = (date: Date, days: number): Date => new Date(date.getTime() + days * MS_PER_DAY);

/** The same day of next month at the same time (UTC), or the month's last day when it is shorter. */
export function sameTimeNextMonth(date: Date): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes()),
  );
}

export function addDays(day: Day, days: number): Day {
  return toDay(new Date(toDate(day).getTime() + days * MS_PER_DAY));
}

/** The first day of the month `day` is in, or of the month `months` later (earlier when negative). */
export function startOfMonth(day: Day, months = 0): Day {
  if (months === 0) return `${day.slice(0, 7)}-01`;
  const date = toDate(day);
  return toDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
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
