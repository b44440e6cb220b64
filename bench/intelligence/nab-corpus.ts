import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from "node:fs";
import path from "node:path";
import { root } from "../../scripts/lib/processes";
import { nabTime, type Profiles, type ScoredFile } from "./nab-score";

/**
 * The Numenta Anomaly Benchmark corpus on disk. NAB's data is not committed here (its size,
 * and it is NAB's to publish): it is extracted once into .cache/nab from a local mirror of
 * github.com/numenta/NAB (`--nab-mirror /work/.mirror/numenta+NAB/repo`, a bare repository) or
 * cloned from GitHub, at the commit below.
 */
export const NAB_COMMIT = "ea702d75cc2258d9d7dd35ca8e5e2539d71f3140";

export function nabCheckout(mirror: string | undefined): string {
  const dir = path.join(root, ".cache", `nab@${NAB_COMMIT.slice(0, 12)}`);
  if (existsSync(path.join(dir, "labels/combined_windows.json"))) return dir;
  const partial = `${dir}.partial`;
  mkdirSync(partial, { recursive: true });
  const paths = ["data", "labels", "config", "results"];
  if (mirror) {
    const archive = execFileSync("git", ["--git-dir", mirror, "archive", NAB_COMMIT, ...paths], {
      maxBuffer: 4e9,
    });
    execFileSync("tar", ["-x", "-C", partial], { input: archive, maxBuffer: 4e9 });
  } else {
    execFileSync("git", ["clone", "--quiet", "--no-checkout", "https://github.com/numenta/NAB", partial]);
    execFileSync("git", ["-C", partial, "checkout", "--quiet", NAB_COMMIT, "--", ...paths]);
  }
  renameSync(partial, dir);
  return dir;
}

export type NabFile = { name: string; timestamps: number[]; values: number[]; windows: [number, number][] };

/** Every data file with its values and labelled windows, in a stable order. */
export function loadNabData(dir: string): NabFile[] {
  const windows = JSON.parse(readFileSync(path.join(dir, "labels/combined_windows.json"), "utf8")) as Record<
    string,
    [string, string][]
  >;
  return Object.keys(windows)
    .sort()
    .map((name) => {
      const rows = readCsv(path.join(dir, "data", name));
      return {
        name,
        timestamps: rows.map((r) => nabTime(r[0]!)),
        values: rows.map((r) => Number(r[1])),
        windows: windows[name]!.map(([a, b]) => [nabTime(a), nabTime(b)] as [number, number]),
      };
    });
}

export function loadProfiles(dir: string): Profiles {
  return JSON.parse(readFileSync(path.join(dir, "config/profiles.json"), "utf8")) as Profiles;
}

/** A published detector's anomaly scores, one ScoredFile per data file. */
export function loadPublishedResults(dir: string, detector: string, data: readonly NabFile[]): ScoredFile[] {
  return data.map((file) => {
    const [category, base] = file.name.split("/") as [string, string];
    const rows = readCsv(path.join(dir, "results", detector, category, `${detector}_${base}`));
    const header = readFileSync(path.join(dir, "results", detector, category, `${detector}_${base}`), "utf8")
      .split("\n", 1)[0]!
      .split(",");
    const column = header.indexOf("anomaly_score");
    if (rows.length !== file.timestamps.length) throw new Error(`${detector}: ${file.name} has ${rows.length} rows`);
    return {
      name: file.name,
      timestamps: file.timestamps,
      windows: file.windows,
      scores: rows.map((r) => Number(r[column])),
    };
  });
}

export function publishedDetectors(dir: string): string[] {
  return readdirSync(path.join(dir, "results"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function publishedFinalScores(dir: string): Record<string, Record<string, number>> {
  return JSON.parse(readFileSync(path.join(dir, "results/final_results.json"), "utf8")) as Record<
    string,
    Record<string, number>
  >;
}

export function publishedThresholds(dir: string): Record<string, Record<string, { threshold: number }>> {
  return JSON.parse(readFileSync(path.join(dir, "config/thresholds.json"), "utf8")) as Record<
    string,
    Record<string, { threshold: number }>
  >;
}

/** NAB's CSVs have no quoting: a header, then comma-separated rows. */
function readCsv(file: string): string[][] {
  return readFileSync(file, "utf8")
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(","));
}
