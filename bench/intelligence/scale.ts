import os from "node:os";
import { parseArgs } from "node:util";
import { detectSeries, type DetectorName } from "../../app/intelligence/detectors";
import { PERIOD_MS, type Granularity, type Series } from "../../app/intelligence/series";
import { mulberry32 } from "../../prisma/demo/usage";

/**
 * Scale: SERIES series of a year of daily spend plus as many of 90 days of hourly spend
 * (weekly and daily seasonality, growth, noise, a spike now and then) analysed from scratch
 * by one detector in this one process, on one core: what a full re-detection of a large
 * organisation costs. The target: 1,000 + 1,000 series in <= 10 s.
 *
 *   npx tsx bench/intelligence/scale.ts [--series 1000] [--detector robust|sigma]
 */
const { values } = parseArgs({
  options: { series: { type: "string", default: "1000" }, detector: { type: "string", default: "robust" } },
});
const COUNT = Number(values.series);
const detector = values.detector as DetectorName;
const random = mulberry32(20261207);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const END = Date.UTC(2026, 11, 1);

function generate(granularity: Granularity, periods: number): Series {
  const step = PERIOD_MS[granularity];
  const base = 5 + 500 * random() ** 2;
  const growth = (random() - 0.3) * 0.002;
  const timestamps: number[] = [];
  const series: number[] = [];
  for (let i = 0; i < periods; i++) {
    const time = END - (periods - i) * step;
    const date = new Date(time);
    const weekday = date.getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.45 : 1;
    const daily = granularity === "hour" ? 0.3 + Math.exp(-((date.getUTCHours() - 16) ** 2) / 18) : 1;
    const spike = random() < 0.003 ? 3 : 1;
    const days = (i * step) / PERIOD_MS.day;
    timestamps.push(time);
    series.push(Math.max(0, base * weekly * daily * spike * Math.exp(growth * days + 0.12 * normal())));
  }
  return { timestamps, values: series };
}

const daily = Array.from({ length: COUNT }, () => generate("day", 365));
const hourly = Array.from({ length: COUNT }, () => generate("hour", 90 * 24));

function run(set: Series[], granularity: Granularity) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let periods = 0;
  let episodes = 0;
  for (const series of set) {
    const result = detectSeries(detector, series, { granularity });
    periods += result.periods.length;
    episodes += result.episodes.length;
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, periods, episodes };
}

const load = os.loadavg()[0]!.toFixed(2);
const day = run(daily, "day");
const hour = run(hourly, "hour");
const total = (day.ms + hour.ms) / 1000;
console.log(`detector ${detector}, ${os.cpus().length} cores, load average ${load} at start\n`);
// Under load, wall time includes waiting for a core; CPU time is what the work itself costs.
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log("| series | periods | episodes | wall time | CPU time |");
console.log("|---|---:|---:|---:|---:|");
for (const [label, r] of [
  [`${COUNT} daily, 365 days`, day],
  [`${COUNT} hourly, 90 days`, hour],
] as const)
  console.log(
    `| ${label} | ${r.periods.toLocaleString("en-US")} | ${r.episodes} | ${seconds(r.ms)} | ${seconds(r.cpuMs)} |`,
  );
console.log(
  `| all | ${(day.periods + hour.periods).toLocaleString("en-US")} | ${day.episodes + hour.episodes} | ${total.toFixed(2)} s | ${seconds(day.cpuMs + hour.cpuMs)} |`,
);
