import { isHoliday } from "../../app/intelligence/holidays";
import { mulberry32 } from "../../prisma/demo/usage";

/**
 * A labelled evaluation set of API spend, daily and hourly, generated from a fixed seed.
 * Every series has what real API spend has: weekly seasonality (quiet weekends), a daily
 * profile (hourly series), growth or decline, month-start batch jobs, public holidays and
 * heavy-tailed noise. Most series then get one to three labelled anomalies:
 *
 * - spike: 2-5x for 1-3 days (2-12 hours), like a runaway loop or a leaked key;
 * - drop: to 0-35% for 1-4 days (3-24 hours), like a broken integration;
 * - level_shift: a lasting change of 1.7-3x or 0.25-0.55x (a new feature, a lost customer);
 * - drift: a ramp to 1.8-3x over 20-40 days (5-10 days), e.g. prompts growing longer;
 * - weekend_bots: weekends as busy as weekdays, round the clock, for 3-5 weekends.
 *
 * A quarter are controls with no anomaly; some of them are tiny (cents a day) with a blip
 * whose dollar impact is below what is worth an alert: they must stay silent too.
 * Labels give the window in which an alert counts as detecting the anomaly (its indices,
 * inclusive). Development and held-out sets come from different seeds.
 */
export type Granularity = "day" | "hour";
export type AnomalyKind = "spike" | "drop" | "level_shift" | "drift" | "weekend_bots";
export type Label = { kind: AnomalyKind; start: number; end: number };
export type SyntheticSeries = {
  name: string;
  granularity: Granularity;
  timestamps: number[];
  values: number[];
  labels: Label[];
  /** No labelled anomaly (possibly an immaterial blip). */
  control: boolean;
};

export const SEEDS = { development: 1301, "held-out": 2602 } as const;
export type SetName = keyof typeof SEEDS;

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** No anomaly is placed before this much history: detectors need some to learn from. */
export const HISTORY_DAYS = 42;

export function generateSet(set: SetName, count = 100): SyntheticSeries[] {
  const random = mulberry32(SEEDS[set]);
  return Array.from({ length: count }, (_, i) => generateSeries(`${set}-${String(i).padStart(3, "0")}`, i, random));
}

function generateSeries(name: string, index: number, random: () => number): SyntheticSeries {
  const uniform = (a: number, b: number) => a + (b - a) * random();
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const granularity: Granularity = random() < 0.6 ? "day" : "hour";
  const step = granularity === "day" ? DAY : HOUR;
  const perDay = granularity === "day" ? 1 : 24;
  const days = granularity === "day" ? Math.round(uniform(365, 545)) : Math.round(uniform(90, 120));
  const length = days * perDay;
  const start = Date.UTC(2023, 5, 1) + Math.floor(uniform(0, 365)) * DAY;

  const control = index % 4 === 0;
  const immaterial = control && index % 20 === 0;
  const dailyLevel = immaterial ? uniform(0.1, 1.5) : Math.exp(uniform(Math.log(20), Math.log(5000))) * perDay ** 0.3;
  const weekendFactor = uniform(0.25, 0.9);
  const weekday = Array.from({ length: 7 }, (_, d) => (d === 0 || d === 6 ? weekendFactor : uniform(0.93, 1.07)));
  const holidayFactor = uniform(0.3, 0.7);
  const growth = Math.log(1 + uniform(-0.3, 1.2)); // per year, in log
  const monthStartBatch = random() < 0.5 ? uniform(0.5, 3) : 0; // extra days' worth of spend on the 1st
  const sigma = granularity === "day" ? uniform(0.04, 0.15) : uniform(0.08, 0.25);
  const nightFactor = uniform(0.2, 0.5);
  // Busiest in the US working afternoon (UTC), quietest at night.
  const hourShape = Array.from({ length: 24 }, (_, h) => {
    const distance = Math.min(Math.abs(h - 17), 24 - Math.abs(h - 17));
    return nightFactor + 1.5 * Math.exp(-(distance * distance) / 18);
  });
  const shapeSum = hourShape.reduce((a, b) => a + b, 0);
  const flatShape = 1 / 24;

  // Anomalies, in time order, at least a month (ten days hourly) apart.
  const labels: Label[] = [];
  const effects: ((i: number, t: number, value: number, expected: (t: number, bots: boolean) => number) => number)[] =
    [];
  if (!control) {
    const count = 1 + Math.floor(random() * 3);
    const gap = (granularity === "day" ? 30 : 10) * perDay;
    let cursor = HISTORY_DAYS * perDay;
    for (let k = 0; k < count; k++) {
      const room = length - 10 * perDay - cursor;
      if (room < perDay * 3) break;
      const at = cursor + Math.floor(random() * Math.min(room, gap * 3));
      const kinds: AnomalyKind[] = ["spike", "spike", "spike", "drop", "drop", "level_shift", "level_shift", "drift"];
      if (weekendFactor < 0.6) kinds.push("weekend_bots", "weekend_bots");
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const end = addAnomaly(kind, at);
      if (end === null) break;
      cursor = end + gap;
    }
  }

  function addAnomaly(kind: AnomalyKind, at: number): number | null {
    switch (kind) {
      case "spike": {
        const duration = granularity === "day" ? 1 + Math.floor(random() * 3) : 2 + Math.floor(random() * 11);
        const factor = uniform(2, 5);
        labels.push({ kind, start: at, end: at + duration - 1 });
        effects.push((i, _t, v) => (i >= at && i < at + duration ? v * factor : v));
        return at + duration;
      }
      case "drop": {
        const duration = granularity === "day" ? 1 + Math.floor(random() * 4) : 3 + Math.floor(random() * 22);
        const factor = uniform(0, 0.35);
        labels.push({ kind, start: at, end: at + duration - 1 });
        effects.push((i, _t, v) => (i >= at && i < at + duration ? v * factor : v));
        return at + duration;
      }
      case "level_shift": {
        const factor = random() < 0.67 ? uniform(1.7, 3) : uniform(0.25, 0.55);
        labels.push({ kind, start: at, end: at + (granularity === "day" ? 6 : 47) });
        effects.push((i, _t, v) => (i >= at ? v * factor : v));
        return at + 7 * perDay;
      }
      case "drift": {
        const ramp = granularity === "day" ? Math.round(uniform(20, 40)) : Math.round(uniform(5, 10)) * 24;
        const factor = uniform(1.8, 3);
        labels.push({ kind, start: at, end: at + ramp + (granularity === "day" ? 6 : 47) });
        effects.push((i, _t, v) => (i < at ? v : v * Math.exp((Math.log(factor) * Math.min(i - at, ramp)) / ramp)));
        return at + ramp;
      }
      case "weekend_bots": {
        // From the first Saturday on or after `at`, for 3-5 weekends.
        let first = at;
        while (new Date(start + first * step).getUTCDay() !== 6) first++;
        const weekends = 3 + Math.floor(random() * 3);
        const last = first + ((weekends - 1) * 7 + 2) * perDay - 1;
        if (last >= length - perDay) return null;
        const factor = uniform(1, 1.3);
        labels.push({ kind, start: first, end: last });
        effects.push((i, t, v, expected) => {
          const day = new Date(t).getUTCDay();
          if (i < first || i > last || (day !== 0 && day !== 6)) return v;
          return (v / expected(t, false)) * expected(t, true) * factor;
        });
        return last + 1;
      }
    }
  }

  // The expected value at a time, before noise; `bots` gives weekday-like round-the-clock traffic.
  const expected = (t: number, bots: boolean) => {
    const date = new Date(t);
    const years = (t - start) / (365 * DAY);
    const day = date.getUTCDay();
    let value = dailyLevel * Math.exp(growth * years) * (bots ? 1 : weekday[day]!);
    if (!bots && isHoliday(t)) value *= holidayFactor;
    if (granularity === "hour") {
      const quiet = !bots && (day === 0 || day === 6 || isHoliday(t));
      const shape = bots
        ? flatShape
        : (hourShape[date.getUTCHours()]! / shapeSum) * (quiet ? 0.5 : 1) + (quiet ? flatShape * 0.5 : 0);
      value *= shape;
    }
    return value;
  };
  const batch = (t: number) => {
    if (!monthStartBatch) return 0;
    const date = new Date(t);
    if (date.getUTCDate() !== 1) return 0;
    const amount = dailyLevel * Math.exp((growth * (t - start)) / (365 * DAY)) * monthStartBatch;
    if (granularity === "day") return amount;
    const hour = date.getUTCHours();
    return hour >= 2 && hour < 6 ? amount / 4 : 0;
  };

  const timestamps: number[] = [];
  const values: number[] = [];
  const blipAt = immaterial
    ? HISTORY_DAYS * perDay + Math.floor(random() * (length - HISTORY_DAYS * perDay - perDay))
    : -1;
  for (let i = 0; i < length; i++) {
    const t = start + i * step;
    const heavy = random() < 0.02 ? 2 : 1;
    const noise = Math.exp(sigma * heavy * normal() - (sigma * sigma) / 2);
    let value = (expected(t, false) + batch(t)) * noise;
    for (const effect of effects) value = effect(i, t, value, expected);
    if (i === blipAt) value *= 3;
    timestamps.push(t);
    values.push(Math.round(value * 100) / 100);
  }
  return { name, granularity, timestamps, values, labels, control };
}
