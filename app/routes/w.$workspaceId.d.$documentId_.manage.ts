import type { ActionFunctionArgs } from "@remix-run/node";
import { auditFrom } from "~/audit/audit.server";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";
import { parseForm } from "~/http/validation.server";
import { changeDocument, DocumentChangeSchema } from "~/workspaces/document-admin.server";

/**
 * Rename, archive, restore or delete a document (form post; the workspace page and the room
 * header call it with a fetcher). Answers { ok, message } or { error } with a 4xx.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  // "read" here: restoring an archived document is a change its lock must let through;
  // changeDocument checks the role each change needs.
  const { user, role, workspace, document } = await requireDocumentAccess(
    request,
    params.workspaceId,
    params.documentId,
    "read",
  );
  const parsed = await parseForm(request, DocumentChangeSchema);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  if (workspace.archived)
    return httpError(409, "This workspace is archived, so its documents cannot change. Restore the workspace first.");
  const result = await changeDocument(
    { document: { ...document, workspace: { organizationId: workspace.organizationId } }, role, change: parsed.data },
    auditFrom(request, user),
  );
  if (!result.ok) return httpError(result.status, result.message);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}

export const loader = () => httpError(405, "Use POST with intent=rename|archive|restore|delete.");
