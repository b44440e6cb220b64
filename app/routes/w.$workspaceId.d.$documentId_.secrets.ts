import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { clearSecret, listMySecrets, SecretInput, setSecret } from "~/requests/secrets.server";
import { requireSession } from "~/requests/session-access.server";

/** Set or clear my own value of a secret variable. Answers only my masked secrets. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSession(request, params, "write");
  const body = await readJson(request, 20_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(SecretInput, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  if (parsed.data.intent === "set") await setSecret(access.user.id, access.document.id, parsed.data);
  else await clearSecret(access.user.id, access.document.id, parsed.data);
  return Response.json(
    { secrets: await listMySecrets(access.user.id, access.document.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const loader = () => httpError(405, "Use POST.");
