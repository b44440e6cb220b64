import { parseArgs } from "node:util";
import {
  loadNabData,
  loadProfiles,
  loadPublishedResults,
  nabCheckout,
  publishedDetectors,
  publishedFinalScores,
  publishedThresholds,
} from "./nab-corpus";
import { evaluateProfile, scoreCorpus } from "./nab-score";

/**
 * Validates our NAB scorer (nab-score.ts): scores every published detector's results files
 * with it, at NAB's own published thresholds and at the threshold our optimiser finds, and
 * compares both with NAB's published final scores.
 *
 *   npx tsx bench/intelligence/nab-check.ts --nab-mirror /work/.mirror/numenta+NAB/repo
 */
const { values } = parseArgs({ options: { "nab-mirror": { type: "string" } } });
const dir = nabCheckout(values["nab-mirror"]);
const data = loadNabData(dir);
const profiles = loadProfiles(dir);
const finals = publishedFinalScores(dir);
const thresholds = publishedThresholds(dir);
const windowCount = data.reduce((n, f) => n + f.windows.length, 0);
console.log(`${data.length} files, ${windowCount} windows\n`);
console.log("| detector | profile | published | ours at NAB's threshold | ours, own optimiser (threshold) |");
console.log("|---|---|---:|---:|---:|");
let worst = 0;
for (const detector of publishedDetectors(dir)) {
  const files = loadPublishedResults(dir, detector, data);
  for (const [profile, { CostMatrix }] of Object.entries(profiles)) {
    const published = finals[detector]?.[profile];
    const threshold = thresholds[detector]?.[profile]?.threshold;
    const atPublished = threshold === undefined ? null : scoreCorpus(files, CostMatrix, threshold, windowCount);
    const optimised = evaluateProfile(files, CostMatrix, windowCount);
    if (published !== undefined && atPublished) worst = Math.max(worst, Math.abs(atPublished.normalized - published));
    console.log(
      `| ${detector} | ${profile} | ${published?.toFixed(2) ?? "(none)"} | ${atPublished?.normalized.toFixed(2) ?? "-"} | ${optimised.normalized.toFixed(2)} (${optimised.threshold.toFixed(4)}) |`,
    );
  }
}
console.log(`\nLargest difference from a published score at NAB's threshold: ${worst.toFixed(4)}`);
