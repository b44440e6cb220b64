import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { readJson } from "~/http/validation.server";
import { sendFromRoom } from "~/requests/send.server";
import { requireSession } from "~/requests/session-access.server";

/** Send the room's request from the server; the outcome goes into the room for everyone. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSession(request, params, "write");
  const body = await readJson(request, 600_000);
  if (!body.ok)
    return httpError(
      body.status,
      body.status === 413 ? "The request is too large to send: keep the body under 256 kB." : body.message,
    );
  const result = await sendFromRoom(access, body.value);
  if (!result.ok)
    return result.resetAt ? tooManyRequests(result.resetAt, result.message) : httpError(result.status, result.message);
  return Response.json(result.response);
}

export const loader = () => httpError(405, "Use POST to send the request.");
