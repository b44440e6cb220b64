import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { CostDataRequestSchema } from "~/canvas/cost-binding-schema";
import { canvasCatalog, costDataFor } from "~/canvas/cost-data.server";
import { httpError } from "~/http/responses.server";
import { parseFields } from "~/http/validation.server";

/**
 * The numbers of a workspace's cost shapes (GET ?q=<JSON array of bindings>), or, with no
 * `q`, the catalog the canvas side panel lists (subscriptions, teams, APIs, cost centers).
 * Always for the workspace's own organisation; any member may read.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const q = new URL(request.url).searchParams.get("q");
  const headers = { "Cache-Control": "no-store" };
  if (q === null) return Response.json(await canvasCatalog(workspace.organizationId), { headers });

  let json: unknown;
  try {
    json = JSON.parse(q);
  } catch {
    return httpError(400, "q must be a JSON array of cost shape bindings.");
  }
  const parsed = parseFields(CostDataRequestSchema, json);
  if (!parsed.ok)
    return httpError(
      400,
      `A cost shape binding is not valid: ${Object.entries(parsed.fieldErrors).map(([k, v]) => `${k}: ${v}`)[0]}`,
    );
  return Response.json(await costDataFor(workspace.organizationId, parsed.data), { headers });
}
