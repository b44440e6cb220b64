import { MS_PER_DAY } from "~/time/days";

/**
 * Time series as detection, forecasting and the CLI see them: one value per period, at the
 * period's start (UTC epoch milliseconds), daily or hourly. Pure: no database.
 */
export type Granularity = "day" | "hour";

export const PERIOD_MS: Record<Granularity, number> = { day: MS_PER_DAY, hour: 3_600_000 };
/** Periods in a week, for seasonality. */
export const PERIODS_PER_WEEK: Record<Granularity, number> = { day: 7, hour: 168 };
/** Periods in a year, for rates "per series-year". */
export const PERIODS_PER_YEAR: Record<Granularity, number> = { day: 365, hour: 8760 };

export type Series = { timestamps: readonly number[]; values: readonly number[] };

/**
 * The granularity of a series from the spacing of its timestamps (their median gap), or
 * null when it is neither daily nor hourly (or has fewer than two points).
 */
export function inferGranularity(timestamps: readonly number[]): Granularity | null {
  if (timestamps.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) gaps.push(timestamps[i]! - timestamps[i - 1]!);
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median === PERIOD_MS.day) return "day";
  if (median === PERIOD_MS.hour) return "hour";
  return null;
}

/** The start of the period holding an instant. */
export function periodStart(time: number, granularity: Granularity): number {
  return time - (((time % PERIOD_MS[granularity]) + PERIOD_MS[granularity]) % PERIOD_MS[granularity]);
}

/**
 * A series with one value per period from `from` to `to` (both period starts, inclusive),
 * zero where nothing was recorded: no usage in a period is a real zero of spend.
 */
export function denseSeries(
  points: Iterable<{ time: number; value: number }>,
  from: number,
  to: number,
  granularity: Granularity,
): { timestamps: number[]; values: number[] } {
  const step = PERIOD_MS[granularity];
  const length = Math.max(0, Math.floor((to - from) / step) + 1);
  const timestamps = Array.from({ length }, (_, i) => from + i * step);
  const values = new Array<number>(length).fill(0);
  for (const { time, value } of points) {
    const index = Math.round((periodStart(time, granularity) - from) / step);
    if (index >= 0 && index < length) values[index]! += value;
  }
  return { timestamps, values };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
