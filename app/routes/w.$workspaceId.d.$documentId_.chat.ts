import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { ChatInput, postChatMessage } from "~/requests/chat.server";
import { requireSession } from "~/requests/session-access.server";

/** Post a chat message to the session: stored, then shown to everyone through the room. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSession(request, params, "write");
  const body = await readJson(request, 20_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(ChatInput, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  const result = await postChatMessage(access, parsed.data.text);
  if (!result.ok) return httpError(result.status, result.message);
  return Response.json(result.message);
}

export const loader = () => httpError(405, 'Use POST with { "text": "..." }.');
