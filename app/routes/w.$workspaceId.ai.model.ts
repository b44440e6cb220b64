import type { ActionFunctionArgs } from "@remix-run/node";
import { ModelChoiceSchema, setOrganizationModel } from "~/ai/org-model.server";
import { auditFrom } from "~/audit/audit.server";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";

/** Choose the organisation's Claude model (owners and admins of the organisation). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, workspace } = await requireWorkspaceAccess(request, params.workspaceId, "manage");
  const body = await readJson(request, 2_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(ModelChoiceSchema, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0] ?? "Choose a model.");
  const result = await setOrganizationModel(
    user.id,
    workspace.organizationId,
    parsed.data.model,
    auditFrom(request, user),
  );
  if (!result.ok) return httpError(403, result.message);
  return Response.json({ model: { id: result.model.id, label: result.model.label } });
}

export const loader = () => httpError(405, 'Use POST with { "model": "<model id>" }.');
