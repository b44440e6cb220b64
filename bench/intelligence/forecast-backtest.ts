import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import * as ets from "@bsull/augurs/ets";
import * as mstl from "@bsull/augurs/mstl";
import { forecastSeries, type ForecastPoint } from "../../app/intelligence/forecast";
import { PERIOD_MS, type Granularity, type Series } from "../../app/intelligence/series";
import { demoSubscriptionOf } from "../../prisma/demo/organizations";
import { DEMO_TEAM_PLANS, generateDemoUsage } from "../../prisma/demo/usage";
import { loadNabData, nabCheckout } from "./nab-corpus";

/**
 * Forecast backtest: forecasts made at the end of a month, for the month after (and for
 * three months), compared with what then happened, which the forecast never saw. MAPE of
 * the daily values, error of the monthly total, and how often the truth fell inside the 80%
 * and 95% intervals, for our model, seasonal naive (the baseline), and @bsull/augurs' MSTL
 * and AutoETS (WebAssembly), on
 * - the demo data: a year of Acme Robotics' ten subscriptions from the demo generator;
 * - public data: NYC taxi rides (NAB realKnownCause/nyc_taxi.csv), summed per day and per hour.
 *
 *   npx tsx bench/intelligence/forecast-backtest.ts --nab-mirror /work/.mirror/numenta+NAB/repo
 */
const { values } = parseArgs({ options: { "nab-mirror": { type: "string" } } });
const require = createRequire(import.meta.url);
const wasm = (name: string) =>
  readFileSync(path.join(path.dirname(require.resolve(`@bsull/augurs/${name}`)), `${name}_bg.wasm`));
mstl.initSync({ module: wasm("mstl") });
ets.initSync({ module: wasm("ets") });

type Method = "model" | "seasonal-naive" | "augurs-mstl" | "augurs-ets";
const METHODS: Method[] = ["model", "seasonal-naive", "augurs-mstl", "augurs-ets"];
const seconds = new Map<Method, number>();

function forecast(method: Method, history: Series, granularity: Granularity, times: number[]): ForecastPoint[] {
  const started = performance.now();
  let result: ForecastPoint[];
  if (method === "model" || method === "seasonal-naive") result = forecastSeries(history, granularity, times, method)!;
  else {
    const periods = granularity === "day" ? [7] : [24, 168];
    const y = Float64Array.from(history.values);
    const model = method === "augurs-mstl" ? mstl.MSTL.ets(periods) : new ets.AutoETS(periods[0]!, "ZZZ");
    model.fit(y);
    const at80 = model.predict(times.length, 0.8);
    const at95 = model.predict(times.length, 0.95);
    model.free();
    result = times.map((time, i) => ({
      time,
      expected: Math.max(0, at80.point[i]!),
      lower80: Math.max(0, at80.intervals!.lower[i]!),
      upper80: at80.intervals!.upper[i]!,
      lower95: Math.max(0, at95.intervals!.lower[i]!),
      upper95: at95.intervals!.upper[i]!,
    }));
  }
  seconds.set(method, (seconds.get(method) ?? 0) + (performance.now() - started) / 1000);
  return result;
}

type Case = {
  name: string;
  granularity: Granularity;
  series: Series;
  origins: number[];
  horizon: (origin: number) => number;
};

const DAY = 86_400_000;
const monthEnd = (year: number, month: number) => Date.UTC(year, month + 1, 0); // last day of month (0-based month)

function demoCases(): Case[] {
  const end = new Date(Date.UTC(2026, 5, 30));
  const subs = DEMO_TEAM_PLANS.map((plan, i) => demoSubscriptionOf(`sub-${i}`, plan, 365 - 65));
  const rows = generateDemoUsage(subs, 365, end, 7);
  const first = Date.UTC(2025, 6, 1);
  return subs.map((sub, i) => {
    const values = new Array<number>(365).fill(0);
    for (const r of rows)
      if (r.subscriptionId === sub.id) values[Math.round((r.day.getTime() - first) / DAY)]! += r.costUsd;
    return {
      name: `demo ${DEMO_TEAM_PLANS[i]![1]}`,
      granularity: "day" as const,
      series: { timestamps: values.map((_, d) => first + d * DAY), values },
      origins: [monthEnd(2026, 2), monthEnd(2026, 3), monthEnd(2026, 4)],
      horizon: (origin: number) => monthEnd(new Date(origin).getUTCFullYear(), new Date(origin).getUTCMonth() + 1),
    };
  });
}

function taxiCases(): Case[] {
  const taxi = loadNabData(nabCheckout(values["nab-mirror"])).find((f) => f.name === "realKnownCause/nyc_taxi.csv")!;
  const sum = (granularity: Granularity) => {
    const step = PERIOD_MS[granularity];
    const first = Math.floor(taxi.timestamps[0]! / step) * step;
    const length = Math.floor((taxi.timestamps.at(-1)! - first) / step) + 1;
    const values = new Array<number>(length).fill(0);
    taxi.timestamps.forEach((t, i) => (values[Math.floor((t - first) / step)]! += taxi.values[i]!));
    return { timestamps: values.map((_, i) => first + i * step), values };
  };
  return [
    {
      name: "nyc taxi, daily",
      granularity: "day",
      series: sum("day"),
      origins: [monthEnd(2014, 9), monthEnd(2014, 10), monthEnd(2014, 11)],
      horizon: (origin) => monthEnd(new Date(origin).getUTCFullYear(), new Date(origin).getUTCMonth() + 1),
    },
    {
      name: "nyc taxi, hourly (a week ahead)",
      granularity: "hour",
      series: sum("hour"),
      origins: [Date.UTC(2014, 9, 31, 23), Date.UTC(2014, 10, 30, 23), Date.UTC(2014, 11, 31, 23)],
      horizon: (origin) => origin + 7 * DAY,
    },
  ];
}

type Score = { ape: number[]; totalApe: number[]; in80: number; in95: number; n: number };
function backtest(cases: Case[], label: string, threeMonths = false) {
  const scores = new Map<Method, Score>(METHODS.map((m) => [m, { ape: [], totalApe: [], in80: 0, in95: 0, n: 0 }]));
  for (const c of cases) {
    for (const origin of threeMonths ? c.origins.slice(0, 1) : c.origins) {
      const cut = c.series.timestamps.findIndex((t) => t > origin);
      const until = threeMonths
        ? monthEnd(new Date(origin).getUTCFullYear(), new Date(origin).getUTCMonth() + 3)
        : c.horizon(origin);
      const end = c.series.timestamps.findIndex((t) => t > until);
      const history = { timestamps: c.series.timestamps.slice(0, cut), values: c.series.values.slice(0, cut) };
      const truth = c.series.values.slice(cut, end === -1 ? undefined : end);
      const times = c.series.timestamps.slice(cut, end === -1 ? undefined : end);
      for (const method of METHODS) {
        const f = forecast(method, history, c.granularity, times);
        const s = scores.get(method)!;
        truth.forEach((y, i) => {
          if (y > 0) s.ape.push(Math.abs(f[i]!.expected - y) / y);
          s.n++;
          if (y >= f[i]!.lower80 && y <= f[i]!.upper80) s.in80++;
          if (y >= f[i]!.lower95 && y <= f[i]!.upper95) s.in95++;
        });
        const total = truth.reduce((a, b) => a + b, 0);
        if (total > 0) s.totalApe.push(Math.abs(f.reduce((a, p) => a + p.expected, 0) - total) / total);
      }
    }
  }
  const mean = (xs: number[]) => (100 * xs.reduce((a, b) => a + b, 0)) / Math.max(1, xs.length);
  console.log(`\n${label}\n`);
  console.log("| method | MAPE (each period) | error of the period's total | inside 80% | inside 95% |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [method, s] of scores)
    console.log(
      `| ${method} | ${mean(s.ape).toFixed(1)}% | ${mean(s.totalApe).toFixed(1)}% | ${((100 * s.in80) / s.n).toFixed(0)}% | ${((100 * s.in95) / s.n).toFixed(0)}% |`,
    );
}

const demo = demoCases();
const taxi = taxiCases();
backtest(demo, "Demo data, 10 subscriptions: a month ahead from the ends of March, April and May 2026");
backtest(demo, "Demo data, 10 subscriptions: three months ahead from the end of March 2026", true);
backtest(
  taxi.slice(0, 1),
  "NYC taxi rides per day: a month ahead from the ends of October, November and December 2014",
);
backtest(taxi.slice(1), "NYC taxi rides per hour: a week ahead from the same month ends");
console.log(`\nSeconds spent forecasting: ${[...seconds].map(([m, s]) => `${m} ${s.toFixed(2)}`).join(", ")}`);
