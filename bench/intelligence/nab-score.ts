/**
 * The Numenta Anomaly Benchmark's scoring rules (NAB 1.1, nab/sweeper.py, nab/scorer.py,
 * nab/optimizer.py and runner.normalize), in TypeScript, so our detectors are scored by the
 * benchmark's own rules rather than by something that resembles them:
 *
 * - Each labelled anomaly has a window. A detection (anomaly score >= threshold) inside a
 *   window counts once, weighted by the scaled sigmoid of its position: the earliest
 *   detection in a window scores close to tpWeight, one at the window's right edge 0.
 * - A detection outside every window is a false positive, weighted by fpWeight times the
 *   sigmoid of its distance past the previous window (-1 when there is none, or far past it).
 * - A window with no detection costs fnWeight. The first 15% of each file (at most 750 rows)
 *   is probationary: neither rewarded nor penalised.
 * - The threshold is optimised once for the whole corpus (per profile), then every file is
 *   scored at it; the corpus total is normalised as 100 * (total - null) / (perfect - null),
 *   where the null detector never detects and the perfect one scores tpWeight per window.
 *
 * Pure (no files): bench/intelligence/nab.ts reads the corpus. The published detectors'
 * results reproduce NAB's final_results.json with it (docs/cost-intelligence.md).
 */
export type CostMatrix = { tpWeight: number; fpWeight: number; fnWeight: number; tnWeight: number };
export type Profiles = Record<string, { CostMatrix: CostMatrix }>;

/** One file of a detector's output, on the data file's own timestamps (epoch ms). */
export type ScoredFile = { name: string; timestamps: number[]; scores: number[]; windows: [number, number][] };

type Point = { score: number; sweep: number; window: string | null };

export const PROBATIONARY_PERCENT = 0.15;

export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** "2014-07-01 00:00:00" or with ".000000" (NAB's formats) as UTC epoch milliseconds. */
export function nabTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a NAB timestamp: ${text}`);
  const [, y, mo, d, h, mi, s, frac] = match;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}

function probationaryLength(rows: number) {
  return Math.min(Math.floor(PROBATIONARY_PERCENT * rows), PROBATIONARY_PERCENT * 5000);
}

/** Per-row points of one file: its sweep score (weighted) and window, as calcSweepScore does. */
function sweepPoints(file: ScoredFile, cost: CostMatrix): Point[] {
  const { timestamps, scores, name } = file;
  const windows = [...file.windows];
  const maxTP = scaledSigmoid(-1);
  const probation = probationaryLength(timestamps.length);
  const points: Point[] = [];
  let current: [number, number] | null = null;
  let currentName: string | null = null;
  let currentWidth = 0;
  let currentRight = 0;
  let previousRight: number | null = null;
  let previousWidth = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const time = timestamps[i]!;
    if (windows.length && time === windows[0]![0]) {
      current = windows.shift()!;
      currentName = `${name}|${current[0]}`;
      currentRight = timestamps.indexOf(current[1]);
      currentWidth = currentRight - timestamps.indexOf(current[0]) + 1;
    }
    let weighted: number;
    if (current) {
      weighted = (scaledSigmoid(-(currentRight - i + 1) / currentWidth) * cost.tpWeight) / maxTP;
    } else {
      const unweighted = previousRight === null ? -1 : scaledSigmoid(Math.abs(previousRight - i) / (previousWidth - 1));
      weighted = unweighted * cost.fpWeight;
    }
    points.push({ score: scores[i]!, sweep: weighted, window: i >= probation ? currentName : "probationary" });
    if (current && time === current[1]) {
      previousRight = i;
      previousWidth = currentWidth;
      current = null;
      currentName = null;
    }
  }
  return points;
}

export type ThresholdScore = { threshold: number; score: number; tp: number; fp: number; fn: number; tn: number };

/** The score at every distinct threshold, highest threshold first (calcScoreByThreshold). */
export function scoresByThreshold(points: readonly Point[], cost: CostMatrix): ThresholdScore[] {
  const scorable = points.filter((p) => p.window !== "probationary").sort((a, b) => b.score - a.score);
  const windowParts = new Map<string, number>();
  for (const p of scorable) if (p.window !== null) windowParts.set(p.window, -cost.fnWeight);
  let windowTotal = windowParts.size * -cost.fnWeight;
  let fpTotal = 0;
  let tn = scorable.filter((p) => p.window === null).length;
  let fn = scorable.length - tn;
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const rows: ThresholdScore[] = [];
  for (const p of scorable) {
    if (p.score !== threshold) {
      rows.push({ threshold, score: windowTotal + fpTotal, tp, fp, fn, tn });
      threshold = p.score;
    }
    if (p.window === null) {
      fp++;
      tn--;
      fpTotal += p.sweep;
    } else {
      tp++;
      fn--;
      const before = windowParts.get(p.window)!;
      if (p.sweep > before) {
        windowParts.set(p.window, p.sweep);
        windowTotal += p.sweep - before;
      }
    }
  }
  rows.push({ threshold, score: windowTotal + fpTotal, tp, fp, fn, tn });
  return rows;
}

/** A file's score at a threshold: what scoreDataSet reports (detections are scores >= threshold). */
export function scoreFile(file: ScoredFile, cost: CostMatrix, threshold: number): ThresholdScore {
  const rows = scoresByThreshold(sweepPoints(file, cost), cost);
  let previous: ThresholdScore | undefined;
  for (const row of rows) {
    if (row.threshold === threshold) return row;
    if (row.threshold < threshold) return previous ?? row;
    previous = row;
  }
  return rows.at(-1)!;
}

/** The corpus-wide best threshold (NAB's optimizer: one sweep over every file's points). */
export function optimizeThreshold(files: readonly ScoredFile[], cost: CostMatrix): ThresholdScore {
  const all = files.flatMap((f) => sweepPoints(f, cost));
  const rows = scoresByThreshold(all, cost);
  // Python's sorted(..., reverse=True) is stable: among equal scores the higher threshold wins.
  return rows.reduce((best, row) => (row.score > best.score ? row : best));
}

export type CorpusScore = {
  threshold: number;
  raw: number;
  normalized: number;
  tp: number;
  fp: number;
  fn: number;
  files: { name: string; score: number }[];
};

/** Scores a corpus at a threshold and normalises it against the null and perfect detectors. */
export function scoreCorpus(
  files: readonly ScoredFile[],
  cost: CostMatrix,
  threshold: number,
  windowCount = files.reduce((n, f) => n + f.windows.length, 0),
): CorpusScore {
  const perFile = files.map((f) => ({ name: f.name, row: scoreFile(f, cost, threshold) }));
  const raw = perFile.reduce((s, f) => s + f.row.score, 0);
  // The null detector misses every window that has a scorable row.
  const nullScore = files.reduce((s, f) => s + nullFileScore(f, cost), 0);
  const perfect = windowCount * cost.tpWeight;
  return {
    threshold,
    raw,
    normalized: (100 * (raw - nullScore)) / (perfect - nullScore),
    tp: perFile.reduce((s, f) => s + f.row.tp, 0),
    fp: perFile.reduce((s, f) => s + f.row.fp, 0),
    fn: perFile.reduce((s, f) => s + f.row.fn, 0),
    files: perFile.map((f) => ({ name: f.name, score: f.row.score })),
  };
}

function nullFileScore(file: ScoredFile, cost: CostMatrix) {
  return scoreFile({ ...file, scores: file.scores.map(() => 0) }, cost, 1.1).score;
}

/** NAB's protocol for one profile: optimise the threshold on the corpus, then score at it. */
export function evaluateProfile(files: readonly ScoredFile[], cost: CostMatrix, windowCount?: number): CorpusScore {
  const best = optimizeThreshold(files, cost);
  return scoreCorpus(files, cost, best.threshold, windowCount);
}
