import { isHoliday } from "../holidays";
import { median, PERIOD_MS, type Granularity } from "../series";
import { EpisodeTracker, type TrackerState } from "./episodes";
import type { AnomalyKind, Detector, DetectorOptions, PeriodResult } from "./types";
import { MS_PER_DAY } from "~/time/days";

/**
 * The default detector: a robust seasonal model of the series, updated one period at a time.
 *
 * Spend moves by multiples, so the model works on log(value + offset): level and trend
 * (Holt), plus a seasonal offset per weekday (daily series) or per hour of a workday,
 * Saturday or Sunday (hourly series). Each period is compared with the model's one-step
 * forecast, in units of a robust running scale of the forecast errors (z):
 *
 * - |z| above the line (4 by default, times the series' sensitivity) is a spike or a drop;
 * - a lasting run of them is a level shift (a "pattern change" when over 50%): the model
 *   re-bases on the new level, and goes back if the old one returns soon after;
 * - many small errors of one sign (a CUSUM of z) are a slow drift.
 *
 * The model learns only from normal periods, and then with errors clipped (Huber), so a
 * spike never teaches it that spikes are normal. Public holidays and month-start batch jobs
 * are learnt separately: a fall on a holiday is expected, and the 1st of the month is
 * compared with earlier 1sts (the first one seen is learnt, not judged).
 */
export type RobustParameters = {
  /** Smoothing of the level, trend, seasonal offsets and error scale. */
  alpha: number;
  beta: number;
  gamma: number;
  scaleRate: number;
  /** The alerting line, in robust standard deviations of the one-step error. */
  z: number;
  /** Huber clipping of what the model learns from a normal period, in standard deviations. */
  clip: number;
  /** A moving window of this many periods whose summed z (over √window) passes `windowZ` is unusual too. */
  window: number;
  windowZ: number;
  /** CUSUM allowance and decision interval, in standard deviations. */
  cusumK: number;
  cusumH: number;
  /** Unusual periods in a row that make a level shift; normal periods that end an episode. */
  confirm: number;
  gap: number;
  /** Periods used to initialise the model, and periods before the first alert. */
  warmup: number;
  minHistory: number;
  /** Seasonal slots: weekdays, or hours by kind of day, or none (non-calendar data). */
  seasonality: "weekday" | "hour-by-day" | "hour" | "none";
  transform: "log" | "none";
  calendar: boolean;
  minImpact: number;
  /** Scores of periods inside an episode already under way are multiplied by this. */
  ongoingScore: number;
};

export const ROBUST_DEFAULTS: Record<Granularity, RobustParameters> = {
  day: {
    alpha: 0.1,
    beta: 0.005,
    gamma: 0.1,
    scaleRate: 0.03,
    z: 6,
    clip: 2,
    window: 3,
    windowZ: 5,
    cusumK: 0.5,
    cusumH: 8,
    confirm: 3,
    gap: 1,
    warmup: 28,
    minHistory: 35,
    seasonality: "weekday",
    transform: "log",
    calendar: true,
    minImpact: 5,
    ongoingScore: 0.5,
  },
  hour: {
    alpha: 0.01,
    beta: 0.0005,
    gamma: 0.05,
    scaleRate: 0.01,
    z: 6,
    clip: 2,
    window: 6,
    windowZ: 5,
    cusumK: 0.5,
    cusumH: 6,
    confirm: 12,
    gap: 3,
    warmup: 14 * 24,
    minHistory: 35 * 24,
    seasonality: "hour-by-day",
    transform: "log",
    calendar: true,
    minImpact: 5,
    ongoingScore: 0.5,
  },
};

type Bucket = { key: number; sum: number; count: number };

type State = {
  p: RobustParameters;
  step: number;
  n: number;
  lastTime: number | null;
  warm: { time: number; y: number }[] | null;
  offset: number;
  level: number;
  trend: number;
  seasonal: number[];
  mad: number;
  /** Mean squared one-step error of every judged period, surprises included: forecasts' spread. */
  msq: number;
  floor: number;
  /** Drift works on the mean error of a day (hourly data) or of a period (daily data). */
  bucket: Bucket | null;
  bucketMad: number;
  cusumUp: number;
  cusumDown: number;
  /** Sum and count of bucket errors since each CUSUM last stood at zero: a drift's size. */
  driftUp: [number, number];
  driftDown: [number, number];
  /** Judged z of the latest ordinary periods, for the moving-window test. */
  recent: number[];
  /** Errors (log units) of the open episode, for a level shift's size. */
  run: number[];
  runSign: number;
  /** Whether a period of the open episode crossed the line on its own (a jump, not a ramp). */
  runAbrupt: boolean;
  /** After a re-base: the old level's offset from the new one, until when it may come back. */
  revert: { shift: number; until: number; episode: number; kind: AnomalyKind } | null;
  /**
   * Month-start batches, as extra spend in multiples of the level (per hour of the day for
   * hourly data): batches add a fixed amount whatever the weekday. Holiday errors (log units).
   */
  monthStart: Record<string, number[]>;
  holiday: number[];
  /** Errors of a slot's latest occurrences while they were all unusual one way: a changed pattern. */
  slotRuns: Record<number, number[]>;
  /** A slot's value before it was re-learnt, while it may still come back (occurrences left). */
  slotReverts: Record<number, { value: number; left: number }>;
  /** Slots the warm-up never saw on an ordinary day: their first ordinary occurrence is learnt. */
  unseen: number[];
  tracker: TrackerState;
};

export function slotOf(time: number, seasonality: RobustParameters["seasonality"], holiday = false): number {
  if (seasonality === "none") return 0;
  const date = new Date(time);
  if (seasonality === "weekday") return date.getUTCDay();
  if (seasonality === "hour") return date.getUTCHours();
  const day = holiday ? 0 : date.getUTCDay();
  return (day === 6 ? 1 : day === 0 ? 2 : 0) * 24 + date.getUTCHours();
}

export type ForecastPoint = {
  time: number;
  expected: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
};
const Z80 = 1.2816;
const Z95 = 1.96;
/** Trend damping per day: a trend fades over months rather than compounding for ever. */
const DAMPING = 0.98;

/** The widest forecast spread on a log scale: the 95% range is then at most 1/19 to 19 times the forecast. */
const MAX_LOG_SD = 1.5;

/** Days at the start of a month that are compared with the same days of earlier months. */
const MONTH_START_DAYS = 3;

const SLOTS: Record<RobustParameters["seasonality"], number> = { weekday: 7, "hour-by-day": 72, hour: 24, none: 1 };

export function robustParameters(options: DetectorOptions, overrides: Partial<RobustParameters> = {}) {
  const base = ROBUST_DEFAULTS[options.granularity];
  return {
    ...base,
    ...(options.minImpact !== undefined ? { minImpact: options.minImpact } : {}),
    ...(options.calendar !== undefined ? { calendar: options.calendar } : {}),
    ...(options.minHistory !== undefined ? { minHistory: options.minHistory } : {}),
    // Feedback moves every line together: dismissals raise them, confirmations lower them.
    z: base.z * (options.sensitivity ?? 1),
    windowZ: base.windowZ * (options.sensitivity ?? 1),
    cusumH: base.cusumH * (options.sensitivity ?? 1),
    ...overrides,
  };
}

export class RobustDetector implements Detector {
  private s: State;
  private tracker: EpisodeTracker;

  constructor(parameters: RobustParameters & { stepMs: number }, saved?: unknown) {
    const { stepMs, ...p } = parameters;
    this.s = (saved as State | undefined) ?? {
      p,
      step: stepMs,
      n: 0,
      lastTime: null,
      warm: [],
      offset: 0,
      level: 0,
      trend: 0,
      seasonal: new Array<number>(SLOTS[p.seasonality]).fill(0),
      mad: 0,
      msq: 0,
      floor: 0,
      bucket: null,
      bucketMad: 0,
      cusumUp: 0,
      cusumDown: 0,
      driftUp: [0, 0],
      driftDown: [0, 0],
      recent: [],
      run: [],
      runSign: 0,
      runAbrupt: false,
      revert: null,
      monthStart: {},
      holiday: [],
      slotRuns: {},
      slotReverts: {},
      unseen: [],
      tracker: new EpisodeTracker({ gap: p.gap, minImpact: p.minImpact }).state,
    };
    this.tracker = new EpisodeTracker({ gap: p.gap, minImpact: p.minImpact }, this.s.tracker);
  }

  static forGranularity(options: DetectorOptions, saved?: unknown, overrides: Partial<RobustParameters> = {}) {
    return new RobustDetector(
      { ...robustParameters(options, overrides), stepMs: PERIOD_MS[options.granularity] },
      saved,
    );
  }

  get episodes() {
    return this.tracker.episodes;
  }

  /** The state as plain JSON; only the latest episodes are kept (older ones are stored as anomalies). */
  snapshot(): unknown {
    const copy = structuredClone(this.s);
    copy.tracker.episodes = copy.tracker.episodes.slice(-3);
    return copy;
  }

  /** Sets the series' sensitivity (feedback): every alerting line is the default times it. */
  setSensitivity(sensitivity: number) {
    const base = ROBUST_DEFAULTS[this.s.step >= MS_PER_DAY ? "day" : "hour"];
    this.s.p.z = base.z * sensitivity;
    this.s.p.windowZ = base.windowZ * sensitivity;
    this.s.p.cusumH = base.cusumH * sensitivity;
  }

  /** Whether the model has enough history to forecast (its warm-up is over). */
  get ready(): boolean {
    return this.s.warm === null;
  }

  /**
   * Forecasts for the given future period starts (after the last period seen): the model's
   * level, damped trend, seasonal slot and calendar effects, with 80% and 95% intervals from
   * its error scale, widening with the horizon as an ETS(A,Ad,A) model's do (log scale, so the
   * intervals are asymmetric in dollars). Null before the warm-up is over.
   */
  forecast(times: readonly number[]): ForecastPoint[] | null {
    const s = this.s;
    if (s.warm || s.lastTime === null) return null;
    const p = s.p;
    const sigma = Math.max(1.2533 * Math.max(s.mad, s.floor), Math.sqrt(s.msq));
    const perDay = Math.max(1, Math.round(MS_PER_DAY / s.step));
    const phi = DAMPING ** (1 / perDay);
    const season = SLOTS[p.seasonality] === 7 ? 7 : perDay * 7;
    return times.map((time) => {
      const h = Math.max(1, Math.round((time - s.lastTime!) / s.step));
      const damped = (phi * (1 - phi ** h)) / (1 - phi);
      const holiday = this.holiday(time);
      let x = s.level + s.trend * damped + s.seasonal[slotOf(time, p.seasonality, holiday)]!;
      if (holiday && p.seasonality === "weekday")
        x = s.holiday.length >= 3 ? x + Math.min(0, median(s.holiday)) : s.level + s.trend * damped + s.seasonal[0]!;
      const monthStartKey = this.monthStartKey(time);
      const seen = monthStartKey === null ? undefined : s.monthStart[monthStartKey];
      if (seen?.length) x = this.forward(this.back(x) + median(seen) * Math.exp(s.level + s.trend * damped));
      const k = Math.floor((h - 1) / season);
      const variance =
        sigma ** 2 * (1 + (h - 1) * (p.alpha ** 2 + p.alpha * p.beta * h) + k * p.gamma * (2 * p.alpha + p.gamma));
      // Spend mostly covered by a plan's allowance (zeros, then a charge) has a huge error on a
      // log scale; its interval would run to absurd sums. Wider than MAX_LOG_SD says nothing more.
      const sd = p.transform === "log" ? Math.min(Math.sqrt(variance), MAX_LOG_SD) : Math.sqrt(variance);
      return {
        time,
        expected: this.back(x),
        lower80: this.back(x - Z80 * sd),
        upper80: this.back(x + Z80 * sd),
        lower95: this.back(x - Z95 * sd),
        upper95: this.back(x + Z95 * sd),
      };
    });
  }

  private forward(y: number) {
    return this.s.p.transform === "log" ? Math.log(Math.max(0, y) + this.s.offset) : y;
  }

  private back(x: number) {
    return this.s.p.transform === "log" ? Math.max(0, Math.exp(x) - this.s.offset) : x;
  }

  private holiday(time: number) {
    return this.s.p.calendar && isHoliday(time);
  }

  /**
   * The first days of a month have their own pattern: batch jobs run on the 1st, and plans'
   * monthly allowances make usage free until they are spent. Each of those days (and hours)
   * is compared with the same day of earlier months.
   */
  private monthStartKey(time: number): string | null {
    if (!this.s.p.calendar) return null;
    const date = new Date(time);
    return date.getUTCDate() <= MONTH_START_DAYS ? `${date.getUTCDate()}:${date.getUTCHours()}` : null;
  }

  private bucketKey(time: number) {
    return this.s.step >= MS_PER_DAY ? time : Math.floor(time / MS_PER_DAY);
  }

  /**
   * The model from the warm-up periods, known in full once the last of them arrives: a robust
   * line through the deseasonalised values (so growth does not leave the level behind), the
   * seasonal offsets around it, and the scale of what is left.
   */
  private initialise() {
    const s = this.s;
    const warm = s.warm!;
    s.offset = s.p.transform === "log" ? Math.max(1e-6, 0.05 * Math.max(0, median(warm.map((w) => w.y)))) : 0;
    const last = warm.at(-1)!.time;
    const all = warm.map((w) => ({
      age: Math.round((last - w.time) / s.step),
      time: w.time,
      slot: slotOf(w.time, s.p.seasonality),
      x: this.forward(w.y),
      ordinary: !this.holiday(w.time) && this.monthStartKey(w.time) === null,
    }));
    const ordinary = all.filter((w) => w.ordinary);
    const points = ordinary.length >= all.length / 2 ? ordinary : all;
    const seasonalAround = (line: (age: number) => number) => {
      for (let slot = 0; slot < s.seasonal.length; slot++) {
        // A slot seen only on holidays (two Sundays that were Christmas Eve and New Year's Eve) learns from those.
        let own = points.filter((l) => l.slot === slot);
        if (own.length === 0) {
          own = all.filter((l) => l.slot === slot);
          if (!s.unseen.includes(slot)) s.unseen.push(slot);
        }
        s.seasonal[slot] = own.length ? median(own.map((l) => l.x - line(l.age))) : 0;
      }
    };
    const flat = median(points.map((l) => l.x));
    seasonalAround(() => flat);
    // Slope: the deseasonalised median of the later half against the earlier half.
    const deseasonalised = points.map((l) => ({ age: l.age, d: l.x - s.seasonal[l.slot]! }));
    const middle = median(deseasonalised.map((d) => d.age));
    const recent = deseasonalised.filter((d) => d.age < middle);
    const older = deseasonalised.filter((d) => d.age >= middle);
    let slope = 0;
    if (recent.length && older.length) {
      const distance = median(older.map((d) => d.age)) - median(recent.map((d) => d.age));
      if (distance > 0) slope = (median(recent.map((d) => d.d)) - median(older.map((d) => d.d))) / distance;
    }
    // No more than doubling (or halving) in a month is believed from a couple of weeks.
    const limit = Math.log(2) / Math.max(1, Math.round((30 * MS_PER_DAY) / s.step));
    slope = s.p.transform === "log" ? Math.max(-limit, Math.min(limit, slope)) : slope;
    s.level = median(deseasonalised.map((d) => d.d + slope * d.age));
    s.trend = slope;
    seasonalAround((age) => s.level - slope * age);
    s.level = median(points.map((l) => l.x - s.seasonal[l.slot]! + slope * l.age));

    // Month starts seen in the warm-up are the first ones learnt.
    for (const w of all) {
      const key = this.monthStartKey(w.time);
      if (key === null || w.ordinary) continue;
      const fitted = this.back(s.level - slope * w.age + s.seasonal[w.slot]!);
      (s.monthStart[key] ??= []).push((this.back(w.x) - fitted) / Math.exp(s.level - slope * w.age));
    }
    const errors = points.map((l) => ({
      key: this.bucketKey(l.time),
      e: l.x - (s.level - slope * l.age) - s.seasonal[l.slot]!,
    }));
    const spread = median(points.map((l) => Math.abs(l.x - flat)));
    s.floor = s.p.transform === "log" ? 0.01 : Math.max(1e-9, 1e-3 * Math.max(spread, Math.abs(s.level)));
    // Spend of a few calls a day moves in whole calls: 2 to 3 calls is +50% and means nothing.
    if (s.p.transform === "log") {
      const distinct = [...new Set(warm.map((w) => Math.round(w.y * 1e6) / 1e6).filter((v) => v > 0))].sort(
        (a, b) => a - b,
      );
      const typical = median(warm.map((w) => w.y));
      const steps = distinct.slice(1).map((v, i) => v - distinct[i]!);
      if (steps.length >= 2 && typical > 0) s.floor = Math.max(s.floor, (0.5 * median(steps)) / typical);
    }
    // A median absolute error as a mean absolute one (x1.18), and in-sample errors are small (x1.3).
    s.mad = Math.max(1.54 * median(errors.map((e) => Math.abs(e.e))), s.floor);
    s.msq = (1.2533 * s.mad) ** 2;
    const buckets = new Map<number, number[]>();
    for (const e of errors) buckets.set(e.key, [...(buckets.get(e.key) ?? []), e.e]);
    const bucketMeans = [...buckets.values()].map((b) => Math.abs(b.reduce((a, c) => a + c, 0) / b.length));
    s.bucketMad = Math.max(1.54 * median(bucketMeans), s.floor);
    s.warm = null;
  }

  step(time: number, value: number): PeriodResult {
    const s = this.s;
    const p = s.p;
    s.n++;
    const elapsed = s.lastTime === null ? 1 : Math.max(1, Math.round((time - s.lastTime) / s.step));
    s.lastTime = time;
    if (s.warm) {
      s.warm.push({ time, y: value });
      if (s.warm.length >= p.warmup) this.initialise();
      return { time, value, expected: value, lower: value, upper: value, score: 0, z: 0, alert: null };
    }
    // Periods with no row (gaps in a file) only move the trend on.
    s.level += s.trend * (elapsed - 1);

    const y = this.forward(value);
    const holiday = this.holiday(time);
    const slot = slotOf(time, p.seasonality, holiday);
    const monthStartKey = this.monthStartKey(time);
    const special = holiday || monthStartKey !== null;
    const base = s.level + s.trend + s.seasonal[slot]!;
    const line = p.z;

    // The forecast, and how this period is judged against it.
    let firstMonthStart = false;
    // A batch's size is known only as well as the few month starts seen: widen the band by that.
    let batchSpread = 0;
    const withBatch = (x: number) => {
      if (monthStartKey === null) return x;
      const seen = s.monthStart[monthStartKey];
      if (!seen?.length) {
        firstMonthStart = true;
        return x;
      }
      const typical = median(seen);
      const spread =
        seen.length >= 3
          ? 1.5 * median(seen.map((e) => Math.abs(e - typical)))
          : seen.length === 2
            ? Math.abs(seen[0]! - seen[1]!) / 2
            : Math.abs(typical) / 2;
      const expectedValue = Math.max(0, this.back(x) + typical * Math.exp(s.level));
      batchSpread = Math.log1p((spread * Math.exp(s.level)) / Math.max(expectedValue, 1e-9));
      return this.forward(expectedValue);
    };
    let forecast = withBatch(base);
    if (holiday && monthStartKey === null && p.seasonality === "weekday" && s.holiday.length >= 3)
      forecast = base + Math.min(0, median(s.holiday));
    const sigma = Math.hypot(1.2533 * Math.max(s.mad, s.floor), batchSpread);
    const error = y - forecast;
    let judged = error / sigma;
    if (holiday) {
      // A holiday may look like a Sunday or like the weekday it is: only more than both is unusual.
      const workday = withBatch(s.level + s.trend + s.seasonal[slotOf(time, p.seasonality)]!);
      judged = Math.max(0, (y - Math.max(withBatch(base), workday)) / sigma);
    }
    // The first time a day of the month's start is seen, it is learnt, not judged.
    if (firstMonthStart) judged = 0;
    // A slot the warm-up saw only on holidays: its first ordinary occurrence is what it is like.
    if (!special && s.unseen.includes(slot)) {
      s.seasonal[slot] = y - s.level - s.trend;
      s.unseen = s.unseen.filter((u) => u !== slot);
      judged = 0;
    }

    // Several moderately unusual periods in a row are as telling as one very unusual period.
    if (!special) {
      s.recent.push(Math.max(-line, Math.min(line, judged)));
      if (s.recent.length > p.window) s.recent.shift();
    }
    const windowed = s.recent.length === p.window ? s.recent.reduce((a, b) => a + b, 0) / Math.sqrt(p.window) : 0;
    const windowUnusual = Math.abs(windowed) >= p.windowZ && Math.sign(windowed) === Math.sign(judged);
    const continuing = this.tracker.open && s.runSign !== 0 && Math.sign(judged) === s.runSign;
    let unusual =
      Math.abs(judged) >= line ||
      windowUnusual ||
      // An open episode continues while the deviation keeps its sign at half the line.
      (continuing && (Math.abs(judged) >= line / 2 || Math.abs(windowed) >= p.windowZ / 2));

    // A re-based level or slot whose old value came back: it was a long spike or drop after all.
    let reverted = false;
    if (s.revert && s.n > s.revert.until) s.revert = null;
    if (s.revert && unusual && Math.abs(error - s.revert.shift) / sigma < line / 2) {
      s.level += s.revert.shift;
      judged = (error - s.revert.shift) / sigma;
      this.tracker.amend(s.revert.episode, s.revert.kind);
      s.revert = null;
      reverted = true;
    }
    const slotRevert = s.slotReverts[slot];
    if (slotRevert && !special && !reverted) {
      const back = slotRevert.value - s.seasonal[slot]!;
      if (unusual && Math.abs(error - back) / sigma < line * 0.75) {
        s.seasonal[slot] = slotRevert.value;
        judged = (error - back) / sigma;
        delete s.slotReverts[slot];
        reverted = true;
      } else if (--slotRevert.left <= 0) delete s.slotReverts[slot];
    }
    if (reverted) unusual = false;

    // Forecast intervals should know how surprising this series really is, holidays and all.
    if (!reverted) s.msq = (1 - p.scaleRate) * s.msq + p.scaleRate * Math.min(error ** 2, (3 * line * sigma) ** 2);

    // Slow drift: mean errors of whole days (or periods) of one sign adding up.
    let kind: AnomalyKind = judged > 0 ? "spike" : "drop";
    let cusumRatio = 0;
    if (!unusual && !special && !reverted && !this.tracker.open) {
      cusumRatio = this.driftStep(time, error);
      if (cusumRatio >= 1) {
        unusual = true;
        kind = "drift";
      }
    }

    const ratio = Math.max(Math.abs(judged) / line, windowUnusual ? Math.abs(windowed) / p.windowZ : 0, cusumRatio);
    // Scores mark where anomalies start: inside one already under way they stay below the line.
    const ongoing = this.tracker.open && s.runSign !== 0;
    const score = (ratio ** 4 / (1 + ratio ** 4)) * (ongoing ? p.ongoingScore : 1);
    const expected = this.back(forecast);
    const result: PeriodResult = {
      time,
      value,
      expected,
      lower: this.back(forecast - line * sigma),
      upper: this.back(forecast + line * sigma),
      score,
      z: judged,
      alert: null,
    };

    if (kind === "drift") this.rebase(this.driftSize());
    const alerting = unusual && s.n > p.minHistory;
    if (alerting) {
      if (!this.tracker.open) {
        s.run = [];
        s.runSign = Math.sign(kind === "drift" ? error : judged) || 1;
        s.runAbrupt = false;
      }
      s.run.push(error);
      if (Math.abs(judged) >= line) s.runAbrupt = true;
      result.alert = this.tracker.observe({ time, value, expected, unusual, kind, score, ratio });
      if (kind !== "drift") {
        this.learnChangedSlot(slot, error);
        const recent = s.run.slice(-p.confirm);
        if (recent.length >= p.confirm && recent.every((e) => Math.sign(e) === s.runSign)) this.confirmShift();
      }
    } else {
      this.tracker.observe({ time, value, expected, unusual: false, kind, score, ratio });
      if (!this.tracker.open) s.runSign = 0;
    }

    // Learn from ordinary periods only; month starts and holidays are kept apart.
    if (alerting || reverted || kind === "drift") {
      s.level += s.trend;
    } else if (monthStartKey !== null) {
      const list = (s.monthStart[monthStartKey] ??= []);
      list.push((value - this.back(base)) / Math.exp(s.level));
      if (list.length > 3) list.shift();
      s.level += s.trend;
    } else if (holiday) {
      s.holiday.push(y - base);
      if (s.holiday.length > 5) s.holiday.shift();
      s.level += s.trend;
    } else {
      delete s.slotRuns[slot];
      const clipped = Math.max(-p.clip * sigma, Math.min(p.clip * sigma, error));
      const previousLevel = s.level;
      s.level = s.level + s.trend + p.alpha * clipped;
      s.trend = s.trend + p.beta * (s.level - previousLevel - s.trend);
      // While a re-based level may still go back, the pattern and the scale wait.
      if (!s.revert) {
        s.seasonal[slot] = s.seasonal[slot]! + p.gamma * (1 - p.alpha) * clipped;
        s.mad = (1 - p.scaleRate) * s.mad + p.scaleRate * Math.min(Math.abs(error), 4 * s.mad);
      }
    }
    return result;
  }

  /** Adds an ordinary period's error to its bucket; when a bucket ends, moves the CUSUMs on. */
  private driftStep(time: number, error: number): number {
    const s = this.s;
    const p = s.p;
    const key = this.bucketKey(time);
    if (s.bucket && s.bucket.key !== key) {
      const { sum, count } = s.bucket;
      s.bucket = null;
      if (count > 0) {
        const mean = sum / count;
        const sigma = 1.4826 * Math.max(s.bucketMad, s.floor);
        const zc = Math.max(-p.z, Math.min(p.z, mean / sigma));
        s.cusumUp = Math.max(0, s.cusumUp + zc - p.cusumK);
        s.cusumDown = Math.max(0, s.cusumDown - zc - p.cusumK);
        s.driftUp = s.cusumUp > 0 ? [s.driftUp[0] + mean, s.driftUp[1] + 1] : [0, 0];
        s.driftDown = s.cusumDown > 0 ? [s.driftDown[0] + mean, s.driftDown[1] + 1] : [0, 0];
        const rate = s.step >= MS_PER_DAY ? p.scaleRate : p.scaleRate * 24;
        s.bucketMad = (1 - rate) * s.bucketMad + rate * Math.min(Math.abs(mean), 4 * s.bucketMad);
      }
    }
    s.bucket ??= { key, sum: 0, count: 0 };
    s.bucket.sum += error;
    s.bucket.count++;
    return Math.max(s.cusumUp, s.cusumDown) / p.cusumH;
  }

  private driftSize() {
    const [sum, count] = this.s.cusumUp >= this.s.cusumDown ? this.s.driftUp : this.s.driftDown;
    return count ? sum / count : 0;
  }

  /**
   * The same slot (a weekday, an hour of a kind of day) unusual the same way three times in a
   * row while the periods around it are not: the weekly pattern itself has changed (bots now
   * work weekends). Each of those alerted; from now on it is the pattern.
   */
  private learnChangedSlot(slot: number, error: number) {
    const s = this.s;
    const run = (s.slotRuns[slot] ??= []);
    if (run.length && Math.sign(run[0]!) !== Math.sign(error)) run.length = 0;
    run.push(error);
    if (run.length >= 3) {
      s.slotReverts[slot] = { value: s.seasonal[slot]!, left: 8 };
      s.seasonal[slot]! += median(run);
      delete s.slotRuns[slot];
    }
  }

  /** Moves the level (log units) and starts the drift CUSUMs afresh. */
  private rebase(shift: number) {
    const s = this.s;
    s.level += shift;
    s.recent = [];
    s.cusumUp = s.cusumDown = 0;
    s.driftUp = [0, 0];
    s.driftDown = [0, 0];
    s.bucket = null;
  }

  /** A run of unusual periods of one sign is a lasting change: re-base on it, close the episode. */
  private confirmShift() {
    const s = this.s;
    const shift = median(s.run.slice(-s.p.confirm));
    // A change that no single period gave away is a ramp: a drift, however it was caught.
    const big = Math.abs(Math.exp(shift) - 1) >= 0.5;
    this.tracker.setKind(!s.runAbrupt ? "drift" : big ? "pattern_change" : "level_shift");
    this.rebase(shift);
    const id = this.tracker.openAlertId;
    if (id !== null)
      s.revert = { shift: -shift, until: s.n + 3 * s.p.confirm, episode: id, kind: s.runSign > 0 ? "spike" : "drop" };
    this.tracker.close();
    s.run = [];
    s.runSign = 0;
  }
}
