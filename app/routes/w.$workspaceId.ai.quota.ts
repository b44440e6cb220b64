import type { LoaderFunctionArgs } from "@remix-run/node";
import { quotaSummary } from "~/ai/quota.server";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { prisma } from "~/db/client.server";

/** The quota meter's numbers for the signed-in person in this workspace's organisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workspace } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const { tier } = await prisma.organization.findUniqueOrThrow({
    where: { id: workspace.organizationId },
    select: { tier: true },
  });
  return Response.json(await quotaSummary(user.id, workspace.organizationId, tier), {
    headers: { "Cache-Control": "no-store" },
  });
}
