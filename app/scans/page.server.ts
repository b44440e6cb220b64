import { githubOAuthConnectEnabled, connectionView } from "./github-connection.server";
import { analyse } from "./analysis.server";
import { latestScanId, loadScan, scanHistory } from "./scans.server";
import type { Finding } from "~/scanner/types";

/**
 * Everything the codebase page shows, for one workspace: sources, history, and the chosen
 * scan (the newest finished one by default) with its costs and recommendations. Findings
 * sent to the page are capped; the export has them all.
 */
const PAGE_FINDINGS = 400;

export async function codebasePage(workspace: { id: string; organizationId: string }, requestedScanId: string | null) {
  const [connection, history] = await Promise.all([connectionView(workspace.id), scanHistory(workspace.id)]);
  const scanId = requestedScanId ?? (await latestScanId(workspace.id));
  const scan = scanId ? await loadScan(workspace.id, scanId) : null;
  let selected = null;
  if (scan) {
    const analysis = scan.result
      ? await analyse({
          organizationId: workspace.organizationId,
          workspaceId: workspace.id,
          verdicts: scan.result.providers,
          findings: scan.result.findings,
        })
      : null;
    const findings = scan.result ? pageFindings(scan.result.findings) : [];
    selected = {
      id: scan.id,
      target: scan.target,
      createdAt: scan.createdAt,
      job: scan.job,
      result: scan.result
        ? { ...scan.result, findings, findingsTotal: scan.result.findings.length + scan.result.findingsDropped }
        : null,
      analysis,
    };
  }
  return { connection, oauthEnabled: githubOAuthConnectEnabled(), history, selected };
}

/** The code's own findings first, strongest first; tests and configuration after. */
function pageFindings(findings: Finding[]) {
  const rank = (f: Finding) =>
    (f.context_kind === "code" ? 0 : 1) * 10 + (f.kind === "env-config" ? 5 : 0) - f.confidence;
  return [...findings]
    .sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line)
    .slice(0, PAGE_FINDINGS);
}
