import type { Granularity } from "../series";

/**
 * What every detector says about each period, and the alerts it raises. A detector is a
 * state machine fed one period at a time (`step`), so it can run over a whole history, or
 * continue from a saved state after each ingestion batch, and say nothing about a period it
 * has not seen: every score depends only on that period and the ones before it.
 */
export type AnomalyKind = "spike" | "drop" | "level_shift" | "pattern_change" | "drift";
export type Severity = "warning" | "critical";

export const KIND_LABELS: Record<AnomalyKind, string> = {
  spike: "Spike",
  drop: "Drop",
  level_shift: "Level shift",
  pattern_change: "Pattern change (over 50%, sustained)",
  drift: "Slow drift",
};

export type PeriodResult = {
  time: number;
  value: number;
  /** What the detector expected, and the band outside which a period is unusual. */
  expected: number;
  lower: number;
  upper: number;
  /** How anomalous, in [0, 1]; 0.5 is the alerting line (before dollar gating). */
  score: number;
  /** The deviation in robust standard deviations of the forecast error (signed; 0 when expected). */
  z: number;
  /** Set when this period belongs to an anomaly episode that alerts. */
  alert: { kind: AnomalyKind; severity: Severity; episode: number } | null;
};

export type Episode = {
  id: number;
  kind: AnomalyKind;
  severity: Severity;
  /** First unusual period, the period the alert was raised in, and the last unusual period. */
  start: number;
  alertAt: number;
  end: number;
  /** Sums over the episode's unusual periods, in the series' unit (dollars for spend). */
  expectedTotal: number;
  actualTotal: number;
  peakScore: number;
  /** Still open at the end of the data. */
  open: boolean;
};

export type DetectorName = "robust" | "sigma";

export type DetectorOptions = {
  granularity: Granularity;
  /** Multiplies the alerting threshold (feedback: dismissals raise it, confirmations lower it). */
  sensitivity?: number;
  /** Dollars an episode must be off by before it alerts; 0 turns gating off (non-money data). */
  minImpact?: number;
  /** Public holidays and month-start batches are part of the pattern (money data: on). */
  calendar?: boolean;
  /** Periods of history before any alert. */
  minHistory?: number;
};

export interface Detector {
  step(time: number, value: number): PeriodResult;
  readonly episodes: readonly Episode[];
  /** Everything needed to continue later, as plain JSON. */
  snapshot(): unknown;
}
