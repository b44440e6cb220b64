import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InputError, parseSeriesCsv, runAnomalyCsv } from "../app/intelligence/csv";

/**
 * `npm run anomalies -- <file.csv | -> [--scores] [--detector robust|sigma] [--min-impact USD]`
 * Reads `series,timestamp,value` rows (ISO timestamps, daily or hourly, many series in one
 * file; `-` reads standard input) and prints, as CSV, the periods that alert:
 *   series,timestamp,severity,kind,expected,actual,score
 * or with --scores every row's anomaly score in [0, 1], from that row and the ones before it:
 *   series,timestamp,anomaly_score
 * --detector sigma runs the original rule (28-period z: over 2σ a warning, over 3σ critical).
 * Exit codes: 0 done, 2 bad input or arguments (the message says which line and why).
 */
const USAGE =
  "Usage: npm run anomalies -- <file.csv | -> [--scores] [--detector robust|sigma] [--min-impact USD]\n" +
  "Input rows: series,timestamp,value (ISO 8601 timestamps, daily or hourly).";

// `| head` closing the pipe early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

function fail(message: string): never {
  process.stderr.write(`anomalies: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      scores: { type: "boolean", default: false },
      detector: { type: "string", default: "robust" },
      "min-impact": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const file = positionals[0];
if (!file || positionals.length > 1) fail(file ? "give one file" : "give a CSV file (or - for standard input)");
const detector = values.detector;
if (detector !== "robust" && detector !== "sigma") fail(`unknown detector "${String(detector)}": use robust or sigma`);
let minImpact: number | undefined;
if (values["min-impact"] !== undefined) {
  minImpact = Number(values["min-impact"]);
  if (!Number.isFinite(minImpact) || minImpact < 0) fail("--min-impact takes an amount in dollars, e.g. 5");
}

let text: string;
try {
  text = readFileSync(file === "-" ? 0 : file, "utf8");
} catch (error) {
  fail(
    `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
  );
}

try {
  process.stdout.write(runAnomalyCsv(parseSeriesCsv(text), { detector, scores: Boolean(values.scores), minImpact }));
} catch (error) {
  if (error instanceof InputError) fail(error.message);
  throw error;
}
