import { describe, expect, it } from "vitest";
import { evaluate } from "../../bench/intelligence/episode-score";
import { evaluateProfile, scaledSigmoid, scoreCorpus, type ScoredFile } from "../../bench/intelligence/nab-score";
import { generateSet } from "../../bench/intelligence/synthetic";

/** The evaluation's own arithmetic: NAB's scoring rules, episode scoring, and the generator. */
const standard = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1, tnWeight: 1 };

function file(scores: number[], windows: [number, number][]): ScoredFile {
  return { name: "f.csv", timestamps: scores.map((_, i) => i), scores, windows };
}

describe("NAB's scoring rules", () => {
  it("has NAB's scaled sigmoid", () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(4)).toBe(-1);
  });

  it("rewards the earliest detection in a window, and scores null 0 and perfect 100", () => {
    // 100 rows: the first 15 are probation; one window over rows 40-59.
    const none = new Array(100).fill(0);
    const early = [...none];
    early[40] = 1; // the window's first row: a full true positive
    const late = [...none];
    late[59] = 1; // its last row: worth scaledSigmoid(-1/20)
    expect(scoreCorpus([file(none, [[40, 59]])], standard, 0.5).normalized).toBe(0);
    expect(scoreCorpus([file(early, [[40, 59]])], standard, 0.5).normalized).toBeCloseTo(100, 6);
    const lateScore = scoreCorpus([file(late, [[40, 59]])], standard, 0.5);
    expect(lateScore.raw).toBeCloseTo(scaledSigmoid(-1 / 20) / scaledSigmoid(-1), 9);
  });

  it("charges false positives by their distance after a window, and ignores probation", () => {
    const scores = new Array(100).fill(0);
    scores[5] = 1; // probation: free
    scores[80] = 1; // 21 rows after a window 20 wide: past it by 21/19
    const result = scoreCorpus([file(scores, [[40, 59]])], standard, 0.5);
    expect(result.raw).toBeCloseTo(-1 + 0.11 * scaledSigmoid(21 / 19), 9);
    expect(result.fp).toBe(1);
  });

  it("optimises the threshold over the whole corpus", () => {
    const scores = new Array(100).fill(0.1);
    scores[45] = 0.9;
    scores[70] = 0.6;
    const best = evaluateProfile([file(scores, [[40, 59]])], standard);
    expect(best.threshold).toBe(0.9);
  });
});

describe("episode scoring of the synthetic set", () => {
  const series = {
    name: "s",
    granularity: "day" as const,
    timestamps: Array.from({ length: 400 }, (_, i) => i * 86_400_000),
    values: [],
    labels: [{ kind: "spike" as const, start: 100, end: 102 }],
    control: false,
  };
  const at = (i: number) => i * 86_400_000;

  it("counts an episode overlapping a window as finding it, and others as false alerts", () => {
    const result = evaluate(
      [
        {
          series,
          episodes: [
            { alertAt: at(101), end: at(103), kind: "spike" },
            { alertAt: at(300), end: at(300), kind: "drop" },
          ],
        },
      ],
      { day: 35, hour: 840 },
    );
    expect(result).toMatchObject({ recall: 1, precision: 0.5, falseAlerts: 1, medianDelay: 1 });
    expect(result.falsePerSeriesYear).toBeCloseTo(1 / (365 / 365), 1);
  });

  it("generates the same set from the same seed, with controls and labelled anomalies of every kind", () => {
    const a = generateSet("development", 40);
    const b = generateSet("development", 40);
    expect(a[7]!.values).toEqual(b[7]!.values);
    expect(a.filter((s) => s.control).length).toBe(10);
    const kinds = new Set(generateSet("development").flatMap((s) => s.labels.map((l) => l.kind)));
    expect([...kinds].sort()).toEqual(["drift", "drop", "level_shift", "spike", "weekend_bots"]);
    expect(generateSet("held-out", 5)[0]!.values).not.toEqual(a[0]!.values);
  });
});
