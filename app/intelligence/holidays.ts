import { addDays, dateOfEpochDay, daysBefore, epochDay, toDay } from "~/time/days";

/**
 * Public holidays on which API traffic usually falls like on a weekend. The default is the
 * United States federal calendar plus Christmas Eve, the day after Thanksgiving and New
 * Year's Eve, the days most B2B traffic dips; detection treats a fall on one of these days
 * as expected (a rise is still judged). Pure: the CLI and the evaluation use it too.
 */
/** The n-th (1-based; -1 = last) given weekday (0 = Sunday) of a month, as "YYYY-MM-DD". */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
  }
  const lastDate = new Date(Date.UTC(year, month + 1, 0));
  const back = (lastDate.getUTCDay() - weekday + 7) % 7;
  return toDay(daysBefore(lastDate, back));
}

const cache = new Map<number, Set<string>>();

export function holidaysOf(year: number): Set<string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const fixed = (month: number, day: number) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
  const thanksgiving = nthWeekday(year, 10, 4, 4);
  const days = new Set([
    fixed(0, 1), // New Year's Day
    nthWeekday(year, 0, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 1, 1, 3), // Presidents' Day
    nthWeekday(year, 4, 1, -1), // Memorial Day
    fixed(5, 19), // Juneteenth
    fixed(6, 4), // Independence Day
    nthWeekday(year, 8, 1, 1), // Labor Day
    thanksgiving,
    addDays(thanksgiving, 1),
    fixed(11, 24),
    fixed(11, 25),
    fixed(11, 31),
  ]);
  cache.set(year, days);
  return days;
}

/** Answers by UTC day number: detectors ask several times per period, for millions of periods. */
const byDay = new Map<number, boolean>();

/** Whether the UTC day holding this instant is a holiday. */
export function isHoliday(time: number): boolean {
  const day = epochDay(new Date(time));
  let answer = byDay.get(day);
  if (answer === undefined) {
    const date = dateOfEpochDay(day);
    answer = holidaysOf(date.getUTCFullYear()).has(date.toISOString().slice(0, 10));
    byDay.set(day, answer);
  }
  return answer;
}
