import type { ScanResult } from "../types";

/** The command line's plain-text report: one row per provider, then what was set aside. */
export function toTable(result: ScanResult, { all = false } = {}): string {
  const rows = result.providers.filter((p) => all || p.verdict === "uses" || p.verdict === "likely");
  const header = ["Provider", "Verdict", "Conf.", "Files", "Evidence"];
  const body = rows.map((p) => [
    p.name,
    p.verdict,
    p.confidence.toFixed(2),
    String(p.files),
    Object.entries(p.counts)
      .map(([kind, n]) => `${kind} ×${n}`)
      .join(", "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  const s = result.stats;
  out.push(`${result.source.label}${result.source.commit ? ` @ ${result.source.commit.slice(0, 12)}` : ""}`);
  out.push(
    `${s.filesScanned} files read (${(s.bytesScanned / 1e6).toFixed(1)} MB) in ${(s.durationMs / 1000).toFixed(2)} s`,
  );
  out.push("");
  if (!rows.length) out.push("No third-party API usage found.");
  else out.push(line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line));
  const others = result.providers.filter((p) => !rows.includes(p));
  if (others.length) {
    out.push("", "Not counted as usage:");
    for (const p of others) out.push(`  ${p.name} (${p.verdict}): ${p.reasons[0] ?? ""}`);
  }
  if (result.decoys.length) {
    out.push("", "Libraries from a provider's company that are not its API:");
    for (const d of result.decoys.slice(0, 10)) out.push(`  ${d.detail} (${d.file}:${d.line}) is not ${d.provider}`);
  }
  const reasons = Object.entries(s.skippedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    out.push("", "Set aside:");
    for (const [reason, n] of reasons) out.push(`  ${String(n).padStart(6)}  ${reason}`);
  }
  return out.join("\n");
}
