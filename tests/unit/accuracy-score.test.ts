import { describe, expect, it } from "vitest";
import { labelsOf, score, splitLevels, toMarkdown } from "../../bench/accuracy/score";

/** The accuracy evaluation's scoring (bench/accuracy/score.ts), which itself runs outside CI. */
describe("accuracy scoring at the (repository, provider) level", () => {
  const labels = [
    { repo: "a/shop", uses: ["stripe", "twilio"] },
    { repo: "a/bot", uses: ["slack"] },
    { repo: "a/lib", uses: [] },
  ];

  it("counts true and false positives and false negatives per provider and overall", () => {
    const report = score(labels, [
      { repo: "a/shop", uses: ["stripe", "openai"] },
      { repo: "a/bot", uses: ["slack"] },
      { repo: "a/lib", uses: ["stripe"] },
    ]);
    expect(report.overall).toEqual({ tp: 2, fp: 2, fn: 1, precision: 0.5, recall: 2 / 3 });
    expect(report.providers.stripe).toEqual({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(report.providers.twilio).toEqual({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0 });
    expect(report.providers.openai).toMatchObject({ fp: 1, precision: 0 });
    expect(report.repos).toEqual([
      { repo: "a/shop", falsePositives: ["openai"], falseNegatives: ["twilio"] },
      { repo: "a/bot", falsePositives: [], falseNegatives: [] },
      { repo: "a/lib", falsePositives: ["stripe"], falseNegatives: [] },
    ]);
  });

  it("scores a perfect run as 1 and 1, including repositories that use nothing", () => {
    const report = score(labels, labels);
    expect(report.overall).toMatchObject({ precision: 1, recall: 1, fp: 0, fn: 0 });
  });

  it("refuses a run that skipped a repository", () => {
    expect(() => score(labels, [{ repo: "a/shop", uses: [] }])).toThrow("No prediction for a/bot");
  });

  it("prints a markdown table with the misses", () => {
    const md = toMarkdown(
      score(labels, [
        { repo: "a/shop", uses: ["stripe"] },
        { repo: "a/bot", uses: ["slack"] },
        { repo: "a/lib", uses: [] },
      ]),
      "Scanner",
    );
    expect(md).toContain("**Scanner**: precision 1.00, recall 0.67 (TP 2, FP 0, FN 1)");
    expect(md).toContain("| twilio | 0 | 0 | 1 | 1.00 | 0.00 |");
    expect(md).toContain("| a/shop | – | twilio |");
  });
});

describe("accuracy scoring against labels by domain, family and service", () => {
  const fold = (label: string) => label.replace("bedrock-runtime", "bedrock");
  it("names providers as the labels do, clouds by family and service, and scores the two levels apart", () => {
    const scanned = [
      { domain: "supabase.co", aliases: ["supabase.com"], services: [] },
      { domain: "aws", aliases: ["amazonaws.com"], cloud: "aws", services: ["s3", "bedrock"] },
      { domain: "clickup.com", aliases: [], services: [] },
    ];
    const uses = labelsOf(scanned, ["supabase.com", "aws", "aws:s3", "aws:bedrock-runtime"], fold);
    expect(uses).toEqual(["aws", "aws:bedrock", "aws:s3", "clickup.com", "supabase.com"]);
    const truth = [{ repo: "a/app", uses: ["supabase.com", "aws", "aws:s3", "aws:bedrock-runtime"].map(fold) }];
    const levels = splitLevels(truth);
    const predicted = splitLevels([{ repo: "a/app", uses }]);
    expect(score(levels.families, predicted.families).overall).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(score(levels.services, predicted.services).overall).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });
});
