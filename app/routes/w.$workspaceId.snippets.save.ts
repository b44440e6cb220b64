import type { ActionFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { SaveSnippetSchema } from "~/snippets/snippet-schemas.server";
import { createSnippet } from "~/snippets/snippets.server";

/** Save a code block as a private snippet of this workspace (JSON, from the AI chat). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, workspace } = await requireWorkspaceAccess(request, params.workspaceId, "write");
  const body = await readJson(request, 120_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(SaveSnippetSchema, body.value);
  if (!parsed.ok)
    return Response.json(
      { error: Object.values(parsed.fieldErrors)[0], fieldErrors: parsed.fieldErrors },
      { status: 400 },
    );
  const limit = await consumeRateLimit(`snippet-save:${user.id}`, { limit: 120, windowSeconds: 3600 });
  if (!limit.allowed) return tooManyRequests(limit.resetAt, "Too many snippets saved in an hour. Try again later.");
  const snippet = await createSnippet({ workspaceId: workspace.id, userId: user.id, ...parsed.data });
  return Response.json({ id: snippet.id, shareId: snippet.shareId, url: `/s/${snippet.shareId}` }, { status: 201 });
}

export const loader = () => httpError(405, "Use POST with the snippet as JSON.");
