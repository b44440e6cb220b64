import { prisma } from "~/db/client.server";

export async function listWorkspacesOf(userId: string) {
  const memberships = await prisma.workspaceMembership.findMany({
    where: { userId },
    orderBy: { workspace: { name: "asc" } },
    select: {
      role: true,
      workspace: {
        select: {
          id: true,
          name: true,
          organization: { select: { name: true, tier: true } },
          _count: { select: { documents: true, memberships: true } },
        },
      },
    },
  });
  return memberships.map(({ role, workspace }) => ({
    id: workspace.id,
    name: workspace.name,
    role,
    organizationName: workspace.organization.name,
    tier: workspace.organization.tier,
    documentCount: workspace._count.documents,
    memberCount: workspace._count.memberships,
  }));
}
