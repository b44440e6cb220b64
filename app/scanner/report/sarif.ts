import { PROVIDERS } from "../providers";
import type { ScanResult } from "../types";

/**
 * SARIF 2.1.0, the format code-scanning tools (GitHub code scanning, IDE viewers) read: one
 * rule per provider, one result per finding, located by file, line and column. Findings
 * in tests and examples are included at level "none" so tools can show them apart.
 */
export function toSarif(result: ScanResult) {
  const used = new Set(result.findings.map((f) => f.provider));
  const rules = PROVIDERS.filter((p) => used.has(p.id)).map((p) => ({
    id: `third-party-api/${p.id}`,
    name: p.name.replace(/[^A-Za-z0-9]+/g, ""),
    shortDescription: { text: `Calls the ${p.name} API` },
    fullDescription: {
      text: `Code that uses ${p.name} (${p.category}): an SDK import or call, its API host, a dependency or its key.`,
    },
    helpUri: p.docsUrl,
    properties: { category: p.category, ...(p.catalogSlug ? { catalogSlug: p.catalogSlug } : {}) },
  }));
  const verdicts = new Map(result.providers.map((p) => [p.provider, p]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "apimarketplace-scan",
            informationUri: "https://apimarketplace.dev/docs/scans",
            semanticVersion: "1.0.0",
            rules,
          },
        },
        ...(result.source.commit
          ? {
              versionControlProvenance: [
                { repositoryUri: `https://github.com/${result.source.label}`, revisionId: result.source.commit },
              ],
            }
          : {}),
        results: result.findings.map((f) => ({
          ruleId: `third-party-api/${f.provider}`,
          level: f.context_kind === "code" ? "note" : "none",
          message: {
            text: `${verdicts.get(f.provider)?.name ?? f.provider}: ${describe(f.kind)} \`${f.detail}\`${f.operation ? ` (${f.operation})` : ""}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column, snippet: { text: f.snippet } },
              },
            },
          ],
          properties: {
            evidence: f.kind,
            confidence: f.confidence,
            context: f.context_kind,
            ...(f.operation ? { operation: f.operation } : {}),
          },
        })),
      },
    ],
  };
}

function describe(kind: string) {
  return (
    {
      "sdk-call": "SDK call",
      import: "SDK import",
      "api-host": "API host",
      manifest: "dependency",
      "env-read": "reads the key",
      "env-config": "configures the key",
    }[kind] ?? kind
  );
}
