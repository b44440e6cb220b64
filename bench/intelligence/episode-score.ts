import type { Episode } from "../../app/intelligence/detectors/types";
import type { AnomalyKind, Label, SyntheticSeries } from "./synthetic";

/**
 * Scores alert episodes against labelled anomaly windows, the way an on-call person would:
 * an anomaly is found when an alert episode overlaps its window; an episode that overlaps
 * no window is a false alert. Delay is from the anomaly's first period to the alert, in
 * periods. Pure, and unit-tested (tests/unit/intelligence-evaluation.test.ts).
 */
export type SeriesOutcome = {
  series: SyntheticSeries;
  episodes: readonly Pick<Episode, "alertAt" | "end" | "kind">[];
};

export type EvaluationSummary = {
  series: number;
  labels: number;
  found: number;
  episodes: number;
  trueEpisodes: number;
  recall: number;
  precision: number;
  f1: number;
  falseAlerts: number;
  seriesYears: number;
  falsePerSeriesYear: number;
  controls: number;
  controlsAlerting: number;
  medianDelay: number;
  byKind: Record<AnomalyKind, { labels: number; found: number; medianDelay: number }>;
  missed: { series: string; label: Label }[];
};

const PERIOD = { day: 86_400_000, hour: 3_600_000 } as const;
const PER_YEAR = { day: 365, hour: 8760 } as const;

export function evaluate(outcomes: readonly SeriesOutcome[], evaluatedFromPeriod: { day: number; hour: number }) {
  let labels = 0;
  let found = 0;
  let episodes = 0;
  let trueEpisodes = 0;
  let seriesYears = 0;
  let controls = 0;
  let controlsAlerting = 0;
  const delays: number[] = [];
  const kinds = new Map<AnomalyKind, { labels: number; found: number; delays: number[] }>();
  const missed: EvaluationSummary["missed"] = [];
  for (const { series, episodes: eps } of outcomes) {
    const step = PERIOD[series.granularity];
    const t0 = series.timestamps[0]!;
    const index = (time: number) => Math.round((time - t0) / step);
    const spans = eps.map((e) => ({ from: index(e.alertAt), to: index(e.end) }));
    seriesYears += (series.timestamps.length - evaluatedFromPeriod[series.granularity]) / PER_YEAR[series.granularity];
    if (series.control) {
      controls++;
      if (spans.length) controlsAlerting++;
    }
    episodes += spans.length;
    trueEpisodes += spans.filter((s) => series.labels.some((l) => s.from <= l.end && s.to >= l.start)).length;
    for (const label of series.labels) {
      labels++;
      const kind = kinds.get(label.kind) ?? { labels: 0, found: 0, delays: [] };
      kinds.set(label.kind, kind);
      kind.labels++;
      const hits = spans.filter((s) => s.from <= label.end && s.to >= label.start);
      if (hits.length === 0) {
        missed.push({ series: series.name, label });
        continue;
      }
      found++;
      kind.found++;
      const delay = Math.max(0, Math.min(...hits.map((h) => h.from)) - label.start);
      delays.push(delay);
      kind.delays.push(delay);
    }
  }
  const recall = labels ? found / labels : 1;
  const precision = episodes ? trueEpisodes / episodes : 1;
  const falseAlerts = episodes - trueEpisodes;
  return {
    series: outcomes.length,
    labels,
    found,
    episodes,
    trueEpisodes,
    recall,
    precision,
    f1: recall + precision ? (2 * recall * precision) / (recall + precision) : 0,
    falseAlerts,
    seriesYears,
    falsePerSeriesYear: seriesYears ? falseAlerts / seriesYears : 0,
    controls,
    controlsAlerting,
    medianDelay: medianOf(delays),
    byKind: Object.fromEntries(
      [...kinds].map(([k, v]) => [k, { labels: v.labels, found: v.found, medianDelay: medianOf(v.delays) }]),
    ) as EvaluationSummary["byKind"],
    missed,
  } satisfies EvaluationSummary;
}

function medianOf(values: number[]) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
