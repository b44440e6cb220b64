import type { ActionFunctionArgs } from "@remix-run/node";
import { AskSchema } from "~/ai/ask.server";
import { askQuestion } from "~/ai/threads.server";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";

/** Ask the AI chat a question: 202 at once; the answer streams into the room. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, workspace, document } = await requireDocumentAccess(
    request,
    params.workspaceId,
    params.documentId,
    "write",
  );
  const body = await readJson(request, 40_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(AskSchema, body.value);
  if (!parsed.ok)
    return Response.json(
      { error: Object.values(parsed.fieldErrors)[0], fieldErrors: parsed.fieldErrors },
      { status: 400 },
    );
  const result = await askQuestion({ user, organizationId: workspace.organizationId, document, question: parsed.data });
  if (!result.ok) {
    if (result.resetAt) return tooManyRequests(new Date(result.resetAt), result.message, { resetAt: result.resetAt });
    return httpError(result.status, result.message);
  }
  return Response.json({ messageId: result.messageId, aiOff: result.aiOff }, { status: 202 });
}

export const loader = () => httpError(405, "Use POST with the question as JSON.");
