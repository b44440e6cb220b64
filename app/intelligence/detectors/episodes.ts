import type { AnomalyKind, Episode, Severity } from "./types";

/**
 * Turns a detector's period-by-period verdicts into anomaly episodes: consecutive unusual
 * periods (allowing `gap` normal ones between them) are one episode, and one episode is one
 * alert, raised in the first period its dollar impact reaches `minImpact`. A blip worth
 * $0.40 never alerts; a small but long one does once it adds up.
 *
 * Severity weighs deviation and dollars: critical when the deviation is at least twice the
 * alerting line and the impact five times the gate, or when the impact alone is fifty
 * times the gate; warning otherwise.
 */
export type Verdict = {
  time: number;
  value: number;
  expected: number;
  unusual: boolean;
  kind: AnomalyKind;
  score: number;
  /** |deviation| / alerting line: 1 at the line. */
  ratio: number;
};

export type TrackerState = {
  gap: number;
  minImpact: number;
  nextId: number;
  quiet: number;
  current: (Episode & { alerted: boolean; peakRatio: number }) | null;
  episodes: Episode[];
};

export class EpisodeTracker {
  readonly state: TrackerState;

  constructor(options: { gap: number; minImpact: number }, state?: TrackerState) {
    this.state = state ?? { ...options, nextId: 1, quiet: 0, current: null, episodes: [] };
  }

  get episodes(): readonly Episode[] {
    return this.state.episodes;
  }

  get open(): boolean {
    return this.state.current !== null;
  }

  /** The open episode's kind, if one is open. */
  get kind(): AnomalyKind | null {
    return this.state.current?.kind ?? null;
  }

  observe(v: Verdict): { kind: AnomalyKind; severity: Severity; episode: number } | null {
    const s = this.state;
    if (!v.unusual) {
      if (s.current) {
        s.quiet++;
        if (s.quiet > s.gap) this.close();
      }
      return null;
    }
    s.quiet = 0;
    if (!s.current) {
      s.current = {
        id: 0,
        kind: v.kind,
        severity: "warning",
        start: v.time,
        alertAt: v.time,
        end: v.time,
        expectedTotal: 0,
        actualTotal: 0,
        peakScore: 0,
        open: true,
        alerted: false,
        peakRatio: 0,
      };
    }
    const e = s.current;
    e.end = v.time;
    e.expectedTotal += v.expected;
    e.actualTotal += v.value;
    e.peakScore = Math.max(e.peakScore, v.score);
    e.peakRatio = Math.max(e.peakRatio, v.ratio);
    if (v.kind !== e.kind && (v.kind === "drift" || v.kind === "level_shift" || v.kind === "pattern_change"))
      e.kind = v.kind;
    const impact = Math.abs(e.actualTotal - e.expectedTotal);
    e.severity = severityOf(e.peakRatio, impact, s.minImpact);
    if (!e.alerted && impact >= s.minImpact) {
      e.alerted = true;
      e.alertAt = v.time;
      e.id = s.nextId++;
      s.episodes.push(publicView(e));
    } else if (e.alerted) {
      s.episodes[s.episodes.length - 1] = publicView(e);
    }
    return e.alerted ? { kind: e.kind, severity: e.severity, episode: e.id } : null;
  }

  /** Renames the open episode (a spike that turned out to be a lasting shift). */
  setKind(kind: AnomalyKind) {
    const e = this.state.current;
    if (!e) return;
    e.kind = kind;
    if (e.alerted) this.state.episodes[this.state.episodes.length - 1] = publicView(e);
  }

  /** Renames a closed episode (a shift that turned out to be temporary after all). */
  amend(id: number, kind: AnomalyKind) {
    const episode = this.state.episodes.find((e) => e.id === id);
    if (episode) episode.kind = kind;
  }

  close() {
    const e = this.state.current;
    if (e?.alerted) this.state.episodes[this.state.episodes.length - 1] = { ...publicView(e), open: false };
    this.state.current = null;
    this.state.quiet = 0;
  }

  /** The id of the episode that alerted last, if it is the open one. */
  get openAlertId(): number | null {
    return this.state.current?.alerted ? this.state.current.id : null;
  }
}

export function severityOf(ratio: number, impact: number, minImpact: number): Severity {
  if (minImpact <= 0) return ratio >= 2 ? "critical" : "warning";
  return (ratio >= 2 && impact >= 5 * minImpact) || impact >= 50 * minImpact ? "critical" : "warning";
}

function publicView(e: Episode & { alerted: boolean; peakRatio: number }): Episode {
  return {
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    start: e.start,
    alertAt: e.alertAt,
    end: e.end,
    expectedTotal: e.expectedTotal,
    actualTotal: e.actualTotal,
    peakScore: e.peakScore,
    open: true,
  };
}
