/**
 * Precision and recall of a scan against labels, at the level of (repository, provider):
 * a provider the scan counts as used in a repository is a true positive if the labels say
 * so and a false positive if not; a labelled provider the scan missed is a false negative.
 * Pure, so the scoring itself is unit-tested (tests/unit/accuracy-score.test.ts).
 */
export type Labelled = { repo: string; uses: string[] };
export type Predicted = { repo: string; uses: string[] };
export type Counts = { tp: number; fp: number; fn: number };
export type Score = Counts & { precision: number; recall: number };

export type Report = {
  overall: Score;
  providers: Record<string, Score>;
  repos: { repo: string; falsePositives: string[]; falseNegatives: string[] }[];
};

export function score(labels: Labelled[], predictions: Predicted[]): Report {
  const byRepo = new Map(predictions.map((p) => [p.repo, new Set(p.uses)]));
  const providers = new Map<string, Counts>();
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const repos: Report["repos"] = [];
  const bump = (provider: string, key: keyof Counts) => {
    const counts = providers.get(provider) ?? { tp: 0, fp: 0, fn: 0 };
    counts[key]++;
    total[key]++;
    providers.set(provider, counts);
  };
  for (const label of labels) {
    const predicted = byRepo.get(label.repo);
    if (!predicted) throw new Error(`No prediction for ${label.repo}`);
    const truth = new Set(label.uses);
    const fp = [...predicted].filter((p) => !truth.has(p)).sort();
    const fn = [...truth].filter((p) => !predicted.has(p)).sort();
    for (const p of truth) bump(p, predicted.has(p) ? "tp" : "fn");
    for (const p of fp) bump(p, "fp");
    repos.push({ repo: label.repo, falsePositives: fp, falseNegatives: fn });
  }
  return {
    overall: withRates(total),
    providers: Object.fromEntries(
      [...providers].sort(([a], [b]) => a.localeCompare(b)).map(([p, c]) => [p, withRates(c)]),
    ),
    repos,
  };
}

/** Precision is 1 when nothing was predicted and recall is 1 when nothing was there to find: no error was made. */
function withRates(c: Counts): Score {
  return {
    ...c,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}

export function toMarkdown(report: Report, title: string) {
  const pct = (n: number) => n.toFixed(2);
  const lines = [
    `**${title}**: precision ${pct(report.overall.precision)}, recall ${pct(report.overall.recall)} (TP ${report.overall.tp}, FP ${report.overall.fp}, FN ${report.overall.fn})`,
    "",
    "| provider | TP | FP | FN | precision | recall |",
    "|---|---:|---:|---:|---:|---:|",
    ...Object.entries(report.providers).map(
      ([p, s]) => `| ${p} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} |`,
    ),
  ];
  const misses = report.repos.filter((r) => r.falsePositives.length || r.falseNegatives.length);
  if (misses.length) {
    lines.push("", "| repository | false positives | false negatives |", "|---|---|---|");
    for (const r of misses)
      lines.push(`| ${r.repo} | ${r.falsePositives.join(", ") || "–"} | ${r.falseNegatives.join(", ") || "–"} |`);
  }
  return lines.join("\n");
}
