import type { ProviderIndex } from "./match";
import type { EvidenceKind, Finding, ProviderVerdict, Verdict } from "./types";

/**
 * One verdict per provider from its findings. Only findings in the code that ships count;
 * each evidence kind contributes its strongest finding, and independent kinds combine
 * (1 − Π(1 − c)): an import alone says "uses", a manifest line alone "likely", an
 * environment variable alone only "possible". Tests and examples give "test-only".
 */
export const THRESHOLDS = { uses: 0.85, likely: 0.7, possible: 0.45 } as const;

/** A verdict that counts as "this repository uses the provider" (what the accuracy evaluation scores). */
export const isPositive = (verdict: Verdict) => verdict === "uses" || verdict === "likely";

const KIND_LABEL: Record<EvidenceKind, string> = {
  "sdk-call": "calls its SDK",
  import: "imports its SDK",
  "api-host": "names its API host",
  browser: "loads its browser script or calls its browser global",
  manifest: "declares a dependency on",
  "env-read": "reads the variable",
  "env-config": "configures the key",
};

export function verdictsFor(findings: Finding[], index: ProviderIndex): ProviderVerdict[] {
  const byProvider = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byProvider.get(f.provider) ?? [];
    list.push(f);
    byProvider.set(f.provider, list);
  }
  const out: ProviderVerdict[] = [];
  for (const [id, all] of byProvider) {
    const provider = index.byId(id)!;
    const { verdict, confidence } = judge(all);
    const counts: Partial<Record<EvidenceKind, number>> = {};
    for (const f of all) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    const ops = new Map<string, { id: string; callSites: number; inLoop: number }>();
    for (const f of all) {
      if (!f.operation || !countsAsCode(f)) continue;
      const op = ops.get(f.operation) ?? { id: f.operation, callSites: 0, inLoop: 0 };
      op.callSites++;
      if (f.inLoop) op.inLoop++;
      ops.set(f.operation, op);
    }
    out.push({
      provider: id,
      name: provider.name,
      category: provider.category,
      catalogSlug: provider.catalogSlug,
      domain: provider.domain,
      verdict,
      confidence: Math.round(confidence * 100) / 100,
      reasons: reasonsFor(all, verdict),
      counts,
      files: new Set(all.map((f) => f.file)).size,
      operations: [...ops.values()].sort((a, b) => b.callSites - a.callSites),
      ...(provider.cloud ? { services: servicesOf(all) } : {}),
    });
  }
  const order: Verdict[] = ["uses", "likely", "possible", "test-only", "not-used"];
  return out.sort(
    (a, b) =>
      order.indexOf(a.verdict) - order.indexOf(b.verdict) ||
      b.confidence - a.confidence ||
      a.name.localeCompare(b.name),
  );
}

const countsAsCode = (f: Finding) =>
  f.context_kind === "code" && f.kind !== "env-config" && !(f.kind === "manifest" && f.dev);

/**
 * A verdict from findings: each evidence kind contributes its strongest finding in the code
 * that ships, and independent kinds combine (1 − Π(1 − c)).
 */
function judge(all: Finding[]): { verdict: Verdict; confidence: number } {
  const strongest = new Map<EvidenceKind, number>();
  for (const f of all) if (countsAsCode(f)) strongest.set(f.kind, Math.max(strongest.get(f.kind) ?? 0, f.confidence));
  // A development-only dependency is weaker evidence, but still some.
  for (const f of all)
    if (f.context_kind === "code" && f.kind === "manifest" && f.dev)
      strongest.set("manifest", Math.max(strongest.get("manifest") ?? 0, 0.5));
  // Rounded before comparing, so 0.45 from one finding is not 0.4499999 after arithmetic.
  const confidence = Math.round((1 - [...strongest.values()].reduce((p, c) => p * (1 - c), 1)) * 1000) / 1000;
  const elsewhere = all.some((f) => f.context_kind !== "code" && f.kind !== "env-config");
  let verdict: Verdict;
  if (confidence >= THRESHOLDS.uses) verdict = "uses";
  else if (confidence >= THRESHOLDS.likely) verdict = "likely";
  else if (confidence >= THRESHOLDS.possible) verdict = "possible";
  else if (elsewhere) verdict = "test-only";
  else verdict = "not-used";
  return { verdict, confidence };
}

/** A cloud's services, each judged on the findings that name it. */
function servicesOf(all: Finding[]) {
  const byService = new Map<string, Finding[]>();
  for (const f of all) if (f.service) byService.set(f.service, [...(byService.get(f.service) ?? []), f]);
  return [...byService]
    .map(([service, findings]) => {
      const { verdict, confidence } = judge(findings);
      return {
        service,
        verdict,
        confidence: Math.round(confidence * 100) / 100,
        files: new Set(findings.map((f) => f.file)).size,
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}

function reasonsFor(all: Finding[], verdict: Verdict): string[] {
  const reasons: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of all) {
    const key = `${f.context_kind}|${f.kind}|${f.kind === "manifest" && f.dev ? "dev" : ""}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const order: EvidenceKind[] = ["sdk-call", "import", "browser", "api-host", "manifest", "env-read", "env-config"];
  const sorted = [...groups.entries()].sort(([a], [b]) => {
    const [ca, ka] = a.split("|");
    const [cb, kb] = b.split("|");
    return (
      Number(ca !== "code") - Number(cb !== "code") ||
      order.indexOf(ka as EvidenceKind) - order.indexOf(kb as EvidenceKind)
    );
  });
  for (const [key, list] of sorted) {
    const [context, kind, dev] = key.split("|") as [string, EvidenceKind, string];
    const files = new Set(list.map((f) => f.file)).size;
    const details = [...new Set(list.map((f) => f.detail))]
      .slice(0, 3)
      .map((d) => `\`${d}\``)
      .join(", ");
    const where = list
      .slice(0, 2)
      .map((f) => `${f.file}:${f.line}`)
      .join(", ");
    const scope =
      context === "code"
        ? ""
        : context === "test"
          ? " in tests or fixtures only (not counted)"
          : " in examples or docs only (not counted)";
    const devNote = dev ? " (development only)" : "";
    reasons.push(
      `${KIND_LABEL[kind]} ${details}${devNote} in ${files} file${files === 1 ? "" : "s"}${scope} — ${where}${list.length > 2 ? ", …" : ""}`,
    );
  }
  if (verdict === "possible")
    reasons.push("Only weak evidence (an environment variable or a development dependency): not counted as usage.");
  if (verdict === "not-used") reasons.push("A key is configured but no code reads it or calls the API.");
  return reasons;
}
