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

/**
 * What a scan says a repository uses, in the labels' own terms (version 2 labels): each
 * provider by the registrable domain of its API host ("stripe.com"), or by an alias where the
 * labels use another of its names (the company's domain); a cloud as its family ("aws") and
 * each of its services ("aws:s3"). Services are compared after folding each SDK's spelling
 * into one name ("bedrock-runtime" and "bedrock" are one service), on both sides.
 */
export type ScannedProvider = {
  domain: string;
  aliases: string[];
  cloud?: string;
  services: string[];
};

export function labelsOf(providers: ScannedProvider[], truth: string[], fold: (label: string) => string): string[] {
  const wanted = new Set(truth.map(fold));
  const out = new Set<string>();
  for (const p of providers) {
    out.add([p.domain, ...p.aliases].find((name) => wanted.has(name)) ?? p.domain);
    for (const service of p.services) out.add(fold(`${p.cloud}:${service}`));
  }
  return [...out].sort();
}

/** Family labels ("stripe.com", "aws") and service labels ("aws:s3") are scored apart. */
export function splitLevels<T extends { repo: string; uses: string[] }>(rows: T[]) {
  return {
    families: rows.map((r) => ({ ...r, uses: r.uses.filter((u) => !u.includes(":")) })),
    services: rows.map((r) => ({ ...r, uses: r.uses.filter((u) => u.includes(":")) })),
  };
}
