import type { ActionFunctionArgs } from "@remix-run/node";
import { auditFrom } from "~/audit/audit.server";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import {
  CreateCodeSchema,
  createSessionCode,
  listSessionCodes,
  revokeSessionCode,
  RevokeCodeSchema,
} from "~/requests/session-codes.server";
import { requireSession } from "~/requests/session-access.server";
import { z } from "zod";
import { env } from "~/config/env.server";

/** Create a session code (members), or revoke one (its creator, or an admin). */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSession(request, params, "write", { membersOnly: true });
  const body = await readJson(request, 2_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(z.discriminatedUnion("intent", [CreateCodeSchema, RevokeCodeSchema]), body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0]!);
  if (parsed.data.intent === "create") {
    const created = await createSessionCode({
      documentId: access.document.id,
      createdById: access.user.id,
      lifetime: parsed.data.lifetime,
    });
    const link = new URL(`/join?code=${created.code}`, env().APP_URL ?? request.url).href;
    return Response.json(
      { ...created, link, codes: await listSessionCodes(access.document.id) },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  const revoked = await revokeSessionCode(
    {
      documentId: access.document.id,
      codeId: parsed.data.codeId,
      userId: access.user.id,
      role: access.role,
      organizationId: access.workspace.organizationId,
    },
    auditFrom(request, access.user),
  );
  if (!revoked.ok) return httpError(revoked.status, revoked.message);
  return Response.json({ codes: await listSessionCodes(access.document.id) });
}

export const loader = () => httpError(405, "Use POST.");
