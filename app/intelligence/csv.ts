import { detectSeries, type DetectorName } from "./detectors";
import { inferGranularity, type Granularity } from "./series";

/**
 * The anomaly command line's input and output (scripts/anomalies.ts does the file I/O):
 * `series,timestamp,value` rows in, alert rows or per-row scores out, as CSV. Pure, so it is
 * tested without processes, and so other tools can reuse it.
 */
export class InputError extends Error {}

export type SeriesRows = {
  name: string;
  granularity: Granularity;
  rows: { text: string; time: number; value: number }[];
};

const MAX_FIELD = 10_000;

/** Splits one CSV line (RFC 4180 quoting: "a,b" and "say ""hi"""). */
export function splitCsvLine(line: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
    if (field.length > MAX_FIELD)
      throw new InputError(`line ${lineNumber}: a field is longer than ${MAX_FIELD} characters`);
  }
  if (quoted) throw new InputError(`line ${lineNumber}: a quoted field is not closed`);
  fields.push(field);
  return fields;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads `series,timestamp,value` rows (a header line of those names is optional) into series. */
export function parseSeriesCsv(text: string): SeriesRows[] {
  const bySeries = new Map<string, SeriesRows["rows"]>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === "") return;
    if (raw.includes("\u0000")) throw new InputError(`line ${lineNumber}: contains a NUL byte`);
    const fields = splitCsvLine(raw, lineNumber);
    if (index === 0 && fields.map((f) => f.trim().toLowerCase()).join(",") === "series,timestamp,value") return;
    if (fields.length !== 3)
      throw new InputError(`line ${lineNumber}: expected 3 fields (series,timestamp,value), found ${fields.length}`);
    const [name, stamp, valueText] = fields.map((f) => f.trim()) as [string, string, string];
    if (!name) throw new InputError(`line ${lineNumber}: the series name is empty`);
    if (!ISO.test(stamp))
      throw new InputError(
        `line ${lineNumber}: "${stamp.slice(0, 40)}" is not an ISO 8601 timestamp (e.g. 2026-01-31 or 2026-01-31T14:00:00Z)`,
      );
    // A timestamp without a zone is UTC, as a date alone is.
    const time = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(stamp) || stamp.length === 10 ? stamp : `${stamp}Z`);
    const [year, month, day] = stamp.slice(0, 10).split("-").map(Number) as [number, number, number];
    if (Number.isNaN(time) || month < 1 || month > 12 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
      throw new InputError(`line ${lineNumber}: "${stamp}" is not a real date`);
    const value = Number(valueText);
    if (valueText === "" || !Number.isFinite(value))
      throw new InputError(`line ${lineNumber}: "${valueText.slice(0, 40)}" is not a number`);
    if (value < 0) throw new InputError(`line ${lineNumber}: ${valueText} is negative; spend cannot be`);
    const rows = bySeries.get(name) ?? [];
    rows.push({ text: stamp, time, value });
    bySeries.set(name, rows);
  });
  if (bySeries.size === 0) throw new InputError("the input has no rows: expected series,timestamp,value lines");
  return [...bySeries].map(([name, rows]) => {
    rows.sort((a, b) => a.time - b.time);
    for (let i = 1; i < rows.length; i++)
      if (rows[i]!.time === rows[i - 1]!.time)
        throw new InputError(`series "${name}" has two rows for ${rows[i]!.text}`);
    const granularity = inferGranularity(rows.map((r) => r.time));
    if (!granularity)
      throw new InputError(
        rows.length < 2
          ? `series "${name}" has a single row: it needs a history`
          : `series "${name}" is neither daily nor hourly (rows should be one day or one hour apart)`,
      );
    return { name, granularity, rows };
  });
}

export type CliOptions = { detector: DetectorName; scores: boolean; minImpact?: number };

const number = (n: number) => (Math.round(n * 1e4) / 1e4).toString();

/** The command's output for already parsed series. */
export function runAnomalyCsv(series: readonly SeriesRows[], options: CliOptions): string {
  const out: string[] = [
    options.scores ? "series,timestamp,anomaly_score" : "series,timestamp,severity,kind,expected,actual,score",
  ];
  for (const s of series) {
    const { periods } = detectSeries(
      options.detector,
      { timestamps: s.rows.map((r) => r.time), values: s.rows.map((r) => r.value) },
      { granularity: s.granularity, ...(options.minImpact !== undefined ? { minImpact: options.minImpact } : {}) },
    );
    const name = csvField(s.name);
    periods.forEach((p, i) => {
      const stamp = csvField(s.rows[i]!.text);
      if (options.scores) out.push(`${name},${stamp},${p.score.toFixed(4)}`);
      else if (p.alert)
        out.push(
          `${name},${stamp},${p.alert.severity},${p.alert.kind},${number(p.expected)},${number(p.value)},${p.score.toFixed(4)}`,
        );
    });
  }
  return `${out.join("\n")}\n`;
}
