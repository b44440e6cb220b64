import { RobustDetector, robustParameters, type ForecastPoint } from "./detectors/robust";
import { PERIOD_MS, PERIODS_PER_WEEK, type Granularity, type Series } from "./series";

export type { ForecastPoint };

/**
 * Forecasts of spend with 80% and 95% intervals. The default is the detection model itself
 * (robust Holt-Winters on log spend with calendar effects, see detectors/robust.ts), so the
 * band a chart shows for the past and the fan it shows for the future come from one model;
 * seasonal naive (the same weekday last week) is the baseline every forecast is measured
 * against (docs/cost-intelligence.md, backtest). Pure: no database.
 */
export type ForecastMethod = "model" | "seasonal-naive";

const Z80 = 1.2816;
const Z95 = 1.96;

/** Future period starts after the series' last one, up to and including `until`. */
export function futurePeriods(lastTime: number, until: number, granularity: Granularity): number[] {
  const step = PERIOD_MS[granularity];
  const times: number[] = [];
  for (let t = lastTime + step; t <= until; t += step) times.push(t);
  return times;
}

export function forecastSeries(
  series: Series,
  granularity: Granularity,
  times: readonly number[],
  method: ForecastMethod = "model",
): ForecastPoint[] | null {
  if (times.length === 0) return [];
  if (method === "seasonal-naive") return seasonalNaive(series, granularity, times);
  const detector = new RobustDetector({
    ...robustParameters({ granularity }),
    stepMs: PERIOD_MS[granularity],
  });
  series.timestamps.forEach((t, i) => detector.step(t, series.values[i]!));
  return detector.forecast(times);
}

/** The value one week earlier, repeated; intervals from the spread of week-on-week changes. */
export function seasonalNaive(
  series: Series,
  granularity: Granularity,
  times: readonly number[],
): ForecastPoint[] | null {
  const season = PERIODS_PER_WEEK[granularity];
  const { values, timestamps } = series;
  if (values.length < season * 2) return null;
  const changes: number[] = [];
  for (let i = season; i < values.length; i++) changes.push(values[i]! - values[i - season]!);
  const sd = Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length);
  const last = timestamps.at(-1)!;
  const step = PERIOD_MS[granularity];
  return times.map((time) => {
    const h = Math.round((time - last) / step);
    const weeks = Math.ceil(h / season);
    const expected = values[values.length - 1 + h - weeks * season]!;
    const spread = sd * Math.sqrt(weeks);
    return {
      time,
      expected,
      lower80: Math.max(0, expected - Z80 * spread),
      upper80: expected + Z80 * spread,
      lower95: Math.max(0, expected - Z95 * spread),
      upper95: expected + Z95 * spread,
    };
  });
}
