import { describe, expect, it } from "vitest";
import { createDetector, detectSeries } from "~/intelligence/detectors";
import { EpisodeTracker, severityOf } from "~/intelligence/detectors/episodes";
import { isHoliday } from "~/intelligence/holidays";
import { mulberry32 } from "../../prisma/demo/usage";

/**
 * The detectors on series built here, with what real spend has: weekly seasonality, noise,
 * growth, month-start batches and holidays, and one anomaly of a known kind at a known place.
 */
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6); // a Monday

function daily(days: number, level: number, { seed = 7, noise = 0.08, batch = 0, growth = 0.3 } = {}) {
  const random = mulberry32(seed);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < days; i++) {
    const t = START + i * DAY;
    const date = new Date(t);
    const weekday = date.getUTCDay();
    let value = level * (1 + (growth * i) / 365) * (weekday === 0 || weekday === 6 ? 0.4 : 1);
    if (isHoliday(t)) value *= 0.5;
    if (date.getUTCDate() === 1) value += batch * level;
    value *= Math.exp(noise * (random() + random() + random() - 1.5) * 2);
    timestamps.push(t);
    values.push(Math.round(value * 100) / 100);
  }
  return { timestamps, values };
}

const alertsOf = (periods: { alert: unknown }[]) => periods.filter((p) => p.alert).length;

describe("the robust detector", () => {
  it("stays quiet on a year of seasonal, growing spend with month-start batches and holidays", () => {
    const series = daily(365, 400, { batch: 1.5 });
    const { episodes } = detectSeries("robust", series, { granularity: "day" });
    expect(episodes).toEqual([]);
  });

  it("flags a three-day 3x spike once, as a critical spike, on its first day", () => {
    const series = daily(120, 400);
    for (let i = 91; i < 94; i++) series.values[i]! *= 3; // Monday to Wednesday
    const { episodes, periods } = detectSeries("robust", series, { granularity: "day" });
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ kind: "spike", severity: "critical", alertAt: series.timestamps[91] });
    expect(periods[91]!.score).toBeGreaterThan(0.5);
    expect(periods[91]!.expected).toBeGreaterThan(300);
    expect(periods[91]!.expected).toBeLessThan(600);
    expect(periods.slice(94).every((p) => p.alert === null)).toBe(true);
  });

  it("does not alert for a blip worth cents, but does for the same blip in dollars", () => {
    const tiny = daily(120, 0.4);
    tiny.values[100]! *= 3;
    expect(detectSeries("robust", tiny, { granularity: "day" }).episodes).toEqual([]);
    const large = daily(120, 400);
    large.values[100]! *= 3;
    expect(detectSeries("robust", large, { granularity: "day" }).episodes).toHaveLength(1);
  });

  it("reports a lasting doubling once, as a pattern change, then learns the new level", () => {
    const series = daily(200, 400);
    for (let i = 100; i < 200; i++) series.values[i]! *= 2;
    const { episodes } = detectSeries("robust", series, { granularity: "day" });
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ kind: "pattern_change", alertAt: series.timestamps[100] });
  });

  it("finds a slow drift that no single day gives away", () => {
    const series = daily(200, 400, { noise: 0.05 });
    for (let i = 100; i < 200; i++) series.values[i]! *= Math.exp((Math.log(2.5) * Math.min(i - 100, 30)) / 30);
    const { episodes } = detectSeries("robust", series, { granularity: "day" });
    expect(episodes.length).toBeGreaterThanOrEqual(1);
    expect(episodes[0]!.kind).toBe("drift");
    expect(episodes[0]!.alertAt).toBeGreaterThan(series.timestamps[100]!);
    expect(episodes[0]!.alertAt).toBeLessThan(series.timestamps[135]!);
  });

  it("says nothing before its minimum history", () => {
    const series = daily(60, 400);
    series.values[20]! *= 5;
    expect(alertsOf(detectSeries("robust", series, { granularity: "day" }).periods)).toBe(0);
  });

  it("needs a bigger deviation once a series has been made less sensitive", () => {
    const series = daily(120, 400, { noise: 0.04 });
    series.values[100]! *= 1.5;
    expect(detectSeries("robust", series, { granularity: "day" }).episodes).toHaveLength(1);
    expect(detectSeries("robust", series, { granularity: "day", sensitivity: 2 }).episodes).toEqual([]);
  });

  it("continues from a snapshot exactly as if it had never stopped", () => {
    const series = daily(150, 400);
    for (let i = 110; i < 113; i++) series.values[i]! *= 3;
    const whole = detectSeries("robust", series, { granularity: "day" });
    const first = createDetector("robust", { granularity: "day" });
    const part = series.timestamps.slice(0, 111).map((t, i) => first.step(t, series.values[i]!));
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    const second = createDetector("robust", { granularity: "day" }, saved);
    const rest = series.timestamps.slice(111).map((t, i) => second.step(t, series.values[i + 111]!));
    expect([...part, ...rest]).toEqual(whole.periods);
    expect(second.episodes).toEqual(whole.episodes);
  });

  it("scores each period from that period and the ones before it only", () => {
    const series = daily(150, 400);
    series.values[120]! *= 4;
    const whole = detectSeries("robust", series, { granularity: "day" }).periods.map((p) => p.score);
    const prefix = detectSeries(
      "robust",
      { timestamps: series.timestamps.slice(0, 121), values: series.values.slice(0, 121) },
      { granularity: "day" },
    ).periods.map((p) => p.score);
    expect(prefix).toEqual(whole.slice(0, 121));
  });

  it("does not alert when traffic falls on a public holiday", () => {
    const series = daily(365, 400, { growth: 0 });
    const holidays = series.timestamps.filter((t) => isHoliday(t)).length;
    expect(holidays).toBeGreaterThan(8);
    expect(detectSeries("robust", series, { granularity: "day" }).episodes).toEqual([]);
  });

  it("handles hourly spend with a daily profile, and finds a six-hour spike", () => {
    const random = mulberry32(3);
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let h = 0; h < 60 * 24; h++) {
      const t = START + h * 3_600_000;
      const hour = new Date(t).getUTCHours();
      const weekend = [0, 6].includes(new Date(t).getUTCDay());
      let value = (weekend ? 5 : 20) * (hour >= 13 && hour <= 22 ? 3 : 1) * Math.exp(0.1 * (random() - 0.5));
      if (h >= 50 * 24 + 14 && h < 50 * 24 + 20) value *= 4;
      timestamps.push(t);
      values.push(value);
    }
    const { episodes } = detectSeries("robust", { timestamps, values }, { granularity: "hour" });
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ kind: "spike", alertAt: timestamps[50 * 24 + 14] });
  });
});

describe("the sigma baseline", () => {
  it("warns above 2σ and calls above 3σ critical, against the 28 periods before", () => {
    const timestamps = Array.from({ length: 40 }, (_, i) => START + i * DAY);
    const values = timestamps.map((_, i) => 100 + (i % 2 ? 1 : -1));
    values[30] = 102.5; // 2.5σ
    values[35] = 110; // far beyond 3σ
    const { periods } = detectSeries("sigma", { timestamps, values }, { granularity: "day" });
    expect(periods[30]!.alert).toMatchObject({ kind: "spike", severity: "warning" });
    expect(periods[35]!.alert).toMatchObject({ kind: "spike", severity: "critical" });
    expect(periods.slice(0, 28).every((p) => p.alert === null)).toBe(true);
  });

  it("reports a level more than 50% away for three periods as a pattern change", () => {
    const timestamps = Array.from({ length: 40 }, (_, i) => START + i * DAY);
    const values = timestamps.map((_, i) => (i < 30 ? 100 + (i % 3) : 170));
    const { periods } = detectSeries("sigma", { timestamps, values }, { granularity: "day" });
    expect(periods[32]!.alert?.kind).toBe("pattern_change");
  });
});

describe("anomaly episodes", () => {
  it("gates on dollars, merges across a short gap and raises one alert per episode", () => {
    const tracker = new EpisodeTracker({ gap: 1, minImpact: 10 });
    const verdict = (time: number, value: number, unusual: boolean) =>
      tracker.observe({ time, value, expected: 100, unusual, kind: "spike", score: 0.9, ratio: 1.5 });
    expect(verdict(1, 104, true)).toBeNull(); // $4 so far
    expect(verdict(2, 108, true)).toMatchObject({ episode: 1 }); // $12: alerts now
    expect(verdict(3, 100, false)).toBeNull();
    expect(verdict(4, 130, true)).toMatchObject({ episode: 1 }); // one quiet period: same episode
    verdict(5, 100, false);
    verdict(6, 100, false); // two quiet periods close it
    expect(verdict(7, 150, true)).toMatchObject({ episode: 2 });
    expect(tracker.episodes.map((e) => [e.id, e.start, e.alertAt])).toEqual([
      [1, 1, 2],
      [2, 7, 7],
    ]);
  });

  it("weighs deviation and dollars for severity", () => {
    expect(severityOf(2.5, 60, 5)).toBe("critical");
    expect(severityOf(2.5, 10, 5)).toBe("warning");
    expect(severityOf(1.1, 300, 5)).toBe("critical");
    expect(severityOf(1.1, 200, 5)).toBe("warning");
  });
});
