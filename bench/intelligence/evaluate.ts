import { parseArgs } from "node:util";
import { detectSeries, type DetectorName } from "../../app/intelligence/detectors";
import { ROBUST_DEFAULTS, type RobustParameters } from "../../app/intelligence/detectors/robust";
import { evaluate, type SeriesOutcome } from "./episode-score";
import { generateSet, type SetName } from "./synthetic";

/**
 * Accuracy on the synthetic API-spend set (bench/intelligence/synthetic.ts): recall and
 * precision of alert episodes, false alerts per series-year, controls, detection delay.
 *
 *   npx tsx bench/intelligence/evaluate.ts --set development [--detector sigma] [--verbose]
 *   npx tsx bench/intelligence/evaluate.ts --set held-out      # only once tuning is over
 */
const { values } = parseArgs({
  options: {
    set: { type: "string", default: "development" },
    detector: { type: "string", default: "robust" },
    verbose: { type: "boolean", default: false },
    set_param: { type: "string", multiple: true },
  },
});
const set = values.set as SetName;
const detector = values.detector as DetectorName;
// Tuning aid: --set_param day.z=4.5 overrides one parameter of one granularity's defaults.
const overrides: Record<"day" | "hour", Partial<RobustParameters>> = { day: {}, hour: {} };
for (const pair of values.set_param ?? []) {
  const [path, value] = pair.split("=") as [string, string];
  const [granularity, key] = path.split(".") as ["day" | "hour", string];
  (overrides[granularity] as Record<string, unknown>)[key] = Number(value);
}

const started = performance.now();
const series = generateSet(set);
const outcomes: SeriesOutcome[] = series.map((s) => {
  const { episodes } = detectSeries(detector, s, { granularity: s.granularity }, overrides[s.granularity]);
  return { series: s, episodes };
});
const seconds = (performance.now() - started) / 1000;
const history = { day: ROBUST_DEFAULTS.day.minHistory, hour: ROBUST_DEFAULTS.hour.minHistory };

const row = (name: string, r: ReturnType<typeof evaluate>) =>
  `| ${name} | ${r.labels} | ${r.recall.toFixed(2)} | ${r.precision.toFixed(2)} | ${r.f1.toFixed(2)} | ${r.falsePerSeriesYear.toFixed(2)} | ${r.controlsAlerting} of ${r.controls} | ${r.medianDelay} |`;
console.log(`${series.length} series (${set}), detector ${detector}, ${seconds.toFixed(1)} s\n`);
console.log(
  "| series | anomalies | recall | precision | F1 | false alerts per series-year | controls alerting | median delay (periods) |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
const all = evaluate(outcomes, history);
console.log(row("all", all));
for (const g of ["day", "hour"] as const)
  console.log(
    row(
      g === "day" ? "daily" : "hourly",
      evaluate(
        outcomes.filter((o) => o.series.granularity === g),
        history,
      ),
    ),
  );
console.log("\n| kind | anomalies | found | median delay |");
console.log("|---|---:|---:|---:|");
for (const [kind, k] of Object.entries(all.byKind))
  console.log(`| ${kind} | ${k.labels} | ${k.found} | ${k.medianDelay} |`);
if (values.verbose) {
  console.log("\nMissed:");
  for (const m of all.missed) console.log(`  ${m.series} ${m.label.kind} ${m.label.start}-${m.label.end}`);
  console.log("\nFalse alerts:");
  for (const o of outcomes) {
    const t0 = o.series.timestamps[0]!;
    const step = o.series.granularity === "day" ? 86_400_000 : 3_600_000;
    for (const e of o.episodes) {
      const from = Math.round((e.alertAt - t0) / step);
      const to = Math.round((e.end - t0) / step);
      if (!o.series.labels.some((l) => from <= l.end && to >= l.start))
        console.log(
          `  ${o.series.name} ${o.series.granularity} ${e.kind} ${from}-${to} ${new Date(e.alertAt).toISOString()} ${o.series.control ? "(control)" : ""}`,
        );
    }
  }
}
