import type { Series } from "../series";
import { RobustDetector, type RobustParameters } from "./robust";
import { SigmaDetector } from "./sigma";
import type { Detector, DetectorName, DetectorOptions, Episode, PeriodResult } from "./types";

export type * from "./types";

/** A detector by name, fresh or continuing from a snapshot. */
export function createDetector(
  name: DetectorName,
  options: DetectorOptions,
  saved?: unknown,
  overrides?: Partial<RobustParameters>,
): Detector {
  return name === "sigma"
    ? new SigmaDetector(options, saved)
    : RobustDetector.forGranularity(options, saved, overrides);
}

/** Runs a detector over a whole series. */
export function detectSeries(
  name: DetectorName,
  series: Series,
  options: DetectorOptions,
  overrides?: Partial<RobustParameters>,
): { periods: PeriodResult[]; episodes: readonly Episode[] } {
  const detector = createDetector(name, options, undefined, overrides);
  const periods = series.timestamps.map((time, i) => detector.step(time, series.values[i]!));
  return { periods, episodes: detector.episodes };
}
