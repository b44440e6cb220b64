import type { ProviderIndex } from "./match";
import type { Finding, FindingContext } from "./types";

/**
 * Keys configured in .env files, docker-compose files and app.json: only variable names are
 * kept, never values (a real .env holds real secrets). A configured key with no code that
 * reads it is an "unused key" recommendation.
 */
const ASSIGNMENT = /^\s*(?:export\s+|-\s*)?["']?([A-Z][A-Z0-9_]{2,})["']?\s*[=:]/;

export function analyzeConfig(input: {
  path: string;
  text: string;
  context: FindingContext;
  index: ProviderIndex;
}): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  input.text.split("\n").forEach((raw, i) => {
    if (/^\s*#/.test(raw)) return;
    const name = ASSIGNMENT.exec(raw)?.[1];
    if (!name || seen.has(name)) return;
    const match = input.index.env(name);
    if (!match || !match.exact) return;
    seen.add(name);
    const shown = `${name}=…`;
    findings.push({
      provider: match.provider.id,
      kind: "env-config",
      file: input.path,
      line: i + 1,
      column: raw.indexOf(name) + 1,
      snippet: shown,
      context: { startLine: i + 1, lines: [shown] },
      confidence: 0.3,
      context_kind: input.context,
      language: "config",
      detail: name,
    });
  });
  return findings;
}
