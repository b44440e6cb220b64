import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { httpError, notFound } from "~/http/responses.server";
import { toSarif } from "~/scanner/report/sarif";
import { analyse } from "~/scans/analysis.server";
import { loadScan } from "~/scans/scans.server";

/** A scan as JSON (result, costs, recommendations) or SARIF, as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const scan = await loadScan(workspace.id, params.scanId ?? "");
  if (!scan) throw notFound();
  if (!scan.result) throw httpError(409, "This scan has no result yet.");
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  const name = `scan-${scan.target.label.replace(/[^\w.-]+/g, "_")}-${scan.id.slice(0, 8)}`;
  if (format === "sarif") {
    return new Response(JSON.stringify(toSarif(scan.result), null, 2), {
      headers: {
        "Content-Type": "application/sarif+json",
        "Content-Disposition": `attachment; filename="${name}.sarif"`,
      },
    });
  }
  if (format !== "json") throw httpError(400, "Choose format=json or format=sarif.");
  const analysis = await analyse({
    organizationId: workspace.organizationId,
    workspaceId: workspace.id,
    verdicts: scan.result.providers,
    findings: scan.result.findings,
  });
  const body = {
    scan: { id: scan.id, target: scan.target, createdAt: scan.createdAt, status: scan.job.status },
    result: scan.result,
    cost: analysis,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.json"`,
    },
  });
}
