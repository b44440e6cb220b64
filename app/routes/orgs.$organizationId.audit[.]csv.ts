import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, auditFiltersFrom } from "~/audit/query.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";

/** The audit log as CSV, with the same filters as the page; streamed, however long it is. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const filters = auditFiltersFrom(new URL(request.url));
  if (!filters.success) return httpError(400, filters.error.issues[0]?.message ?? "Those filters are not valid.");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsv(organization.id, filters.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${organization.id.slice(0, 8)}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
