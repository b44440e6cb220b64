import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { CommentActionSchema, listThreads, performCommentAction, workspaceMembers } from "~/comments/comments.server";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";

/**
 * A canvas's comment threads (GET) and what people do with them (POST JSON: create,
 * reply, edit, delete, resolve, read). Any member of the workspace may comment, viewers
 * included; see app/comments/comments.server.ts for who may do what.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workspace, document } = await requireDocumentAccess(
    request,
    params.workspaceId,
    params.documentId,
    "read",
  );
  const [threads, members] = await Promise.all([listThreads(document.id, user.id), workspaceMembers(workspace.id)]);
  return Response.json({ threads, members, me: user.id }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, workspace, document } = await requireDocumentAccess(
    request,
    params.workspaceId,
    params.documentId,
    "read",
  );
  const body = await readJson(request, 20_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(CommentActionSchema, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0] ?? "That comment could not be read.");
  if (parsed.data.intent === "create" || parsed.data.intent === "reply" || parsed.data.intent === "edit") {
    const limit = await consumeRateLimit(`comment:${user.id}`, { limit: 30, windowSeconds: 60 });
    if (!limit.allowed) {
      return tooManyRequests(limit.resetAt, "You are commenting very fast. Wait a moment and try again.");
    }
  }
  const outcome = await performCommentAction({ userId: user.id, workspaceId: workspace.id, document }, parsed.data);
  if (!outcome.ok) return httpError(outcome.status, outcome.message);
  return Response.json({ ok: true, threadId: outcome.threadId });
}
