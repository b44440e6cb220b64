import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { ImportInput, importRequest } from "~/requests/import-export.server";
import { requireSession } from "~/requests/session-access.server";

/** Turn a cURL command or an OpenAPI operation into a draft; the browser puts it in the room. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSession(request, params, "write");
  const body = await readJson(request, 2_100_000);
  if (!body.ok)
    return httpError(body.status, body.status === 413 ? "That is too large to import (at most 2 MB)." : body.message);
  const parsed = parseFields(ImportInput, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  const result = await importRequest(parsed.data);
  if (!result.ok) return httpError(400, result.message);
  return Response.json(result);
}

export const loader = () => httpError(405, "Use POST.");
