import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { InputError, parseSeriesCsv, runAnomalyCsv, splitCsvLine } from "~/intelligence/csv";

/** `npm run anomalies`: its CSV in and out, its errors, and the script itself once. */
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6);

function spendCsv(name: string, days: number, spikeFrom?: number) {
  const lines: string[] = [];
  for (let i = 0; i < days; i++) {
    const t = START + i * DAY;
    const weekday = new Date(t).getUTCDay();
    let value = (weekday === 0 || weekday === 6 ? 160 : 400) * (1 + 0.03 * Math.sin(i * 1.7));
    if (spikeFrom !== undefined && i >= spikeFrom && i < spikeFrom + 3) value *= 3;
    lines.push(`${name},${new Date(t).toISOString().slice(0, 10)},${value.toFixed(2)}`);
  }
  return lines.join("\n");
}

describe("reading series,timestamp,value rows", () => {
  it("takes many series, a header, quoted names and unsorted rows, and tells daily from hourly", () => {
    const text = [
      "series,timestamp,value",
      '"openai, team A",2025-01-02,3',
      '"openai, team A",2025-01-01,2',
      '"openai, team A",2025-01-03,4',
      "stripe,2025-01-01T00:00:00Z,1",
      "stripe,2025-01-01T01:00:00Z,1.5",
      "stripe,2025-01-01T02:00:00+00:00,2",
    ].join("\r\n");
    const series = parseSeriesCsv(text);
    expect(series.map((s) => [s.name, s.granularity, s.rows.map((r) => r.value)])).toEqual([
      ["openai, team A", "day", [2, 3, 4]],
      ["stripe", "hour", [1, 1.5, 2]],
    ]);
  });

  it.each([
    ["a,2025-01-01", /line 1: expected 3 fields/],
    ["a,yesterday,1", /line 1: "yesterday" is not an ISO 8601 timestamp/],
    ["a,2025-02-30,1", /not a real date/],
    ["a,2025-01-01,12abc", /line 1: "12abc" is not a number/],
    ["a,2025-01-01,-4", /negative/],
    ["a,2025-01-01,NaN", /not a number/],
    ["a,2025-01-01,1\na,2025-01-01,2", /two rows for 2025-01-01/],
    ["a,2025-01-01,1", /single row/],
    ["a,2025-01-01,1\na,2025-01-08,1\na,2025-01-15,1", /neither daily nor hourly/],
    ["a\u0000,2025-01-01,1", /NUL byte/],
    ['"a,2025-01-01,1', /quoted field is not closed/],
    ["", /has no rows/],
    [`${"x".repeat(20_000)},2025-01-01,1`, /longer than/],
  ])("refuses bad input with a message that says what is wrong (%#)", (text, message) => {
    expect(() => parseSeriesCsv(text)).toThrow(InputError);
    expect(() => parseSeriesCsv(text)).toThrow(message);
  });

  it("splits quoted fields with commas and doubled quotes", () => {
    expect(splitCsvLine('"say ""hi"", then go",2,3', 1)).toEqual(['say "hi", then go', "2", "3"]);
  });
});

describe("the command's output", () => {
  it("prints one row per alerting period of a 3x spike, and nothing for a calm series", () => {
    const out = runAnomalyCsv(parseSeriesCsv(`${spendCsv("openai", 120, 100)}\n${spendCsv("calm", 120)}`), {
      detector: "robust",
      scores: false,
    });
    const lines = out.trim().split("\n");
    expect(lines[0]).toBe("series,timestamp,severity,kind,expected,actual,score");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4))).toEqual([
      ["openai", "2025-04-16", "critical", "spike"],
      ["openai", "2025-04-17", "critical", "spike"],
      ["openai", "2025-04-18", "critical", "spike"],
    ]);
    const [, , , , expected, actual, score] = lines[1]!.split(",");
    expect(Number(actual)).toBeGreaterThan(2.5 * Number(expected));
    expect(Number(score)).toBeGreaterThan(0.5);
  });

  it("prints a score in [0, 1] for every row with --scores, highest where the spike starts", () => {
    const out = runAnomalyCsv(parseSeriesCsv(spendCsv("openai", 120, 100)), { detector: "robust", scores: true });
    const rows = out
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(rows).toHaveLength(120);
    const scores = rows.map((r) => Number(r[2]));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(scores.indexOf(Math.max(...scores))).toBe(100);
  });

  it("runs the original sigma rule with --detector sigma", () => {
    const out = runAnomalyCsv(parseSeriesCsv(spendCsv("openai", 120, 100)), { detector: "sigma", scores: false });
    const kinds = out
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[3]);
    expect(kinds).toContain("spike");
    // The rule has no weekly pattern: it also flags ordinary weekends once the spike has left its window.
    expect(out.trim().split("\n").length - 1).toBeGreaterThan(3);
  });
});

describe("npm run anomalies", () => {
  const run = promisify(execFile);
  const script = path.resolve("scripts/anomalies.ts");
  const dir = mkdtempSync(path.join(tmpdir(), "anomalies-"));

  it("prints alerts for a file and exits 0; says why and exits 2 on bad input", async () => {
    const good = path.join(dir, "spend.csv");
    writeFileSync(good, `series,timestamp,value\n${spendCsv("openai", 120, 100)}\n`);
    const ok = await run(process.execPath, ["--import", "tsx", script, good]);
    expect(ok.stdout.split("\n")[1]).toMatch(/^openai,2025-04-16,critical,spike,/);

    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "openai,2025-01-01,lots\n");
    const failure = await run(process.execPath, ["--import", "tsx", script, bad]).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('line 1: "lots" is not a number');
    expect(failure.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    const unknown = await run(process.execPath, ["--import", "tsx", script, good, "--detector", "magic"]).catch(
      (e) => e,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown detector "magic"');
  }, 30_000);
});
