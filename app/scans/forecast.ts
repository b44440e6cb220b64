/**
 * Daily usage forecast for cost estimates: a straight-line trend plus a level per day of the
 * week, fitted by least squares on the days before the forecast, then fitted again without
 * the days that sit far off the first fit (a spike in the history is not taken for the norm).
 * API traffic is weekly (weekdays busy, weekends quiet) and grows or shrinks slowly; a
 * month's bill depends on how many of each weekday it has, so the model counts them. Pure.
 */
export type DayValue = { day: number; value: number };

export type DailyModel = {
  /** Expected value on an epoch day (days since 1970-01-01, UTC). */
  predict: (day: number) => number;
  /** Days the fit kept, and the days it set aside as far off the norm. */
  days: number;
  outliers: number[];
  /** Typical size of a day's deviation from the model, for telling anomalies apart later. */
  spread: number;
};

/** 0 = Sunday, as Date.getUTCDay. */
const weekday = (day: number) => (day + 4) % 7;

/** With fewer days than this the trend is not fitted (a level per weekday only). */
export const MIN_DAYS_FOR_TREND = 21;
/** With fewer days than this a weekday pattern cannot be told from noise: a plain level. */
const MIN_DAYS_FOR_WEEKDAYS = 14;
/** A day further than this many robust deviations from the first fit is left out of the second. */
const OUTLIER_CUTOFF = 4;

export function fitDaily(series: DayValue[]): DailyModel | null {
  if (series.length === 0) return null;
  const typical = median(series.map((p) => Math.abs(p.value)));
  let fit = solve(series);
  let far = new Set<number>();
  // A spike pulls the first fit towards it, so ordinary days look off too: flag against each
  // refit again, from the whole series, until the set of far-off days settles.
  for (let round = 0; round < 5; round++) {
    const residuals = series.map((p) => p.value - fit.predict(p.day));
    const kept = residuals.filter((_, i) => !far.has(i));
    // A deviation must also be large against the typical value, or a perfectly regular series
    // (spread 0) would call every rounding difference an outlier.
    const cutoff = Math.max(OUTLIER_CUTOFF * robustSpread(kept), 0.25 * typical);
    const next = new Set(series.flatMap((_, i) => (Math.abs(residuals[i]!) > cutoff ? [i] : [])));
    const keep = series.filter((_, i) => !next.has(i));
    if (keep.length < Math.min(series.length, MIN_DAYS_FOR_WEEKDAYS)) break;
    const settled = next.size === far.size && [...next].every((i) => far.has(i));
    far = next;
    fit = solve(keep);
    if (settled) break;
  }
  const final = fit;
  const kept = series.filter((_, i) => !far.has(i));
  return {
    predict: (day) => Math.max(0, final.predict(day)),
    days: kept.length,
    outliers: series.filter((_, i) => far.has(i)).map((p) => p.day),
    spread: robustSpread(kept.map((p) => p.value - final.predict(p.day))),
  };
}

/** Least squares for value = a + b·(day − mean day) + s[weekday] (Sunday's s is 0), as far as the data allows. */
function solve(points: DayValue[]) {
  const center = points.reduce((s, p) => s + p.day, 0) / points.length;
  const withTrend = points.length >= MIN_DAYS_FOR_TREND;
  const withWeekdays = points.length >= MIN_DAYS_FOR_WEEKDAYS;
  const features = (day: number) => {
    const row = [1];
    if (withTrend) row.push(day - center);
    if (withWeekdays) for (let w = 1; w < 7; w++) row.push(weekday(day) === w ? 1 : 0);
    return row;
  };
  const size = features(0).length;
  const xtx = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const xty = new Array<number>(size).fill(0);
  for (const p of points) {
    const row = features(p.day);
    for (let i = 0; i < size; i++) {
      xty[i]! += row[i]! * p.value;
      for (let j = 0; j < size; j++) xtx[i]![j]! += row[i]! * row[j]!;
    }
  }
  const beta = gaussianSolve(xtx, xty);
  return {
    predict: (day: number) => {
      const row = features(day);
      return row.reduce((s, x, i) => s + x * beta[i]!, 0);
    },
  };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; a missing weekday (singular column) gets 0. */
function gaussianSolve(a: number[][], b: number[]) {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  const x = new Array<number>(n).fill(0);
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < n && row < n; col++) {
    let best = row;
    for (let r = row + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[best]![col]!)) best = r;
    if (Math.abs(m[best]![col]!) < 1e-9) continue;
    [m[row], m[best]] = [m[best]!, m[row]!];
    for (let r = 0; r < n; r++) {
      if (r === row) continue;
      const f = m[r]![col]! / m[row]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[row]![c]!;
    }
    pivots[row] = col;
    row++;
  }
  for (let r = 0; r < row; r++) x[pivots[r]!] = m[r]![n]! / m[r]![pivots[r]!]!;
  return x;
}

function median(values: number[]) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation, scaled to match a standard deviation for normal noise. */
function robustSpread(residuals: number[]) {
  const m = median(residuals);
  return 1.4826 * median(residuals.map((r) => Math.abs(r - m)));
}

/** Sum of the model's expected values over [from, to) epoch days. */
export function sumOver(model: DailyModel, from: number, to: number) {
  let total = 0;
  for (let day = from; day < to; day++) total += model.predict(day);
  return total;
}
