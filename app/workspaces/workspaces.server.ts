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
          archivedAt: true,
          organization: { select: { id: true, name: true, tier: true } },
          _count: { select: { documents: true, memberships: true } },
        },
      },
    },
  });
  return memberships.map(({ role, workspace }) => ({
    id: workspace.id,
    name: workspace.name,
    role,
    organizationId: workspace.organization.id,
    organizationName: workspace.organization.name,
    archived: workspace.archivedAt !== null,
    tier: workspace.organization.tier,
    documentCount: workspace._count.documents,
    memberCount: workspace._count.memberships,
  }));
}
