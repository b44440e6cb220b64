import { EpisodeTracker, type TrackerState } from "./episodes";
import type { AnomalyKind, Detector, DetectorOptions, PeriodResult } from "./types";

/**
 * The original rule, kept as a named baseline (`--detector sigma`): each period against the
 * mean and standard deviation of the 28 periods before it; above 2σ a warning, above 3σ
 * critical. A level over 50% away from the 28-period mean for 3 periods in a row is a
 * pattern change. No seasonality, no dollar gating, no calendar: the rule as it was.
 */
export const SIGMA_WINDOW = 28;
const PATTERN_CHANGE = 0.5;
const PATTERN_PERIODS = 3;

type State = { window: number[]; patternRun: number; tracker: TrackerState };

export class SigmaDetector implements Detector {
  private s: State;
  private tracker: EpisodeTracker;

  constructor(options: DetectorOptions, saved?: unknown) {
    const sensitivity = options.sensitivity ?? 1;
    this.s = (saved as State | undefined) ?? {
      window: [],
      patternRun: 0,
      tracker: new EpisodeTracker({ gap: 0, minImpact: 0 }).state,
    };
    this.tracker = new EpisodeTracker({ gap: 0, minImpact: 0 }, this.s.tracker);
    this.warning = 2 * sensitivity;
  }

  private readonly warning: number;

  get episodes() {
    return this.tracker.episodes;
  }

  snapshot(): unknown {
    return structuredClone(this.s);
  }

  step(time: number, value: number): PeriodResult {
    const w = this.s.window;
    if (w.length < SIGMA_WINDOW) {
      w.push(value);
      return { time, value, expected: value, lower: value, upper: value, score: 0, z: 0, alert: null };
    }
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / (w.length - 1));
    const z = sd > 0 ? (value - mean) / sd : value === mean ? 0 : Math.sign(value - mean) * Infinity;
    const change = mean > 0 ? Math.abs(value / mean - 1) : 0;
    this.s.patternRun = change > PATTERN_CHANGE ? this.s.patternRun + 1 : 0;
    const ratio = Math.abs(z) / this.warning;
    const score = Number.isFinite(ratio) ? ratio ** 4 / (1 + ratio ** 4) : 1;
    let kind: AnomalyKind = z > 0 ? "spike" : "drop";
    if (this.s.patternRun >= PATTERN_PERIODS) kind = "pattern_change";
    const unusual = ratio >= 1 || kind === "pattern_change";
    // Over 3σ is critical: the tracker calls twice its line critical.
    const alert = this.tracker.observe({ time, value, expected: mean, unusual, kind, score, ratio: (ratio * 2) / 1.5 });
    w.push(value);
    w.shift();
    return {
      time,
      value,
      expected: mean,
      lower: mean - this.warning * sd,
      upper: mean + this.warning * sd,
      score,
      z: Number.isFinite(z) ? z : Math.sign(z) * 1e6,
      alert,
    };
  }
}
