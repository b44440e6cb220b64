import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/responses.server";
import { sentRequestOf } from "~/requests/send.server";
import { requireSession } from "~/requests/session-access.server";

/** A request from the session's history, to reopen in the builder. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params, "read");
  const sent = await sentRequestOf(access.document.id, params.sentId ?? "");
  if (!sent) return notFound("That request is not in this session's history.");
  return Response.json(sent);
}
