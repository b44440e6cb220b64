import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { ExportInput, exportRequest } from "~/requests/import-export.server";
import { requireSession } from "~/requests/session-access.server";

/** The request as cURL or code in one of the supported languages (secrets stay placeholders). */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSession(request, params, "read");
  const body = await readJson(request, 600_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(ExportInput, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  const result = exportRequest(parsed.data);
  if (!result.ok) return httpError(400, result.message);
  return Response.json(result);
}

export const loader = () => httpError(405, "Use POST.");
