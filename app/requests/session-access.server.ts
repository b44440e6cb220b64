import type { Params } from "@remix-run/react";
import { requireDocumentAccess } from "~/auth/authorize.server";
import type { Permission } from "~/auth/permissions";
import { notFound } from "~/http/responses.server";

/**
 * The authorization of every request-session endpoint: the one document rule, with the
 * session's guests admitted unless `membersOnly`, and only for REQUEST documents.
 */
export async function requireSession(
  request: Request,
  params: Params,
  permission: Permission,
  { membersOnly = false } = {},
) {
  const access = await requireDocumentAccess(request, params.workspaceId, params.documentId, permission, {
    allowGuests: !membersOnly,
  });
  if (access.document.kind !== "REQUEST") throw notFound();
  return access;
}
