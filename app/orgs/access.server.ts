import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { can } from "~/auth/permissions";
import { cutRoomAccess } from "~/auth/access-cut.server";
import { higherRole, lowerRole } from "./roles";

type Tx = Prisma.TransactionClient;

/**
 * Keeps WorkspaceMembership (the one table every loader, action and room token asks) in
 * step with what decides it, for some people of one organisation:
 *   - people added to a workspace by name (source PERSON) keep the role set for them;
 *   - everyone else gets the highest role their teams have there (source TEAM), or nothing;
 *   - nobody has more in a workspace than their role in the organisation, and someone who
 *     is not in the organisation has nothing in its workspaces.
 * Returns whose access ended or lost writing, so their open rooms can be cut
 * (docs/decisions/073-cutting-room-access.md).
 */
export type LostAccess = { userId: string; workspaceId: string; now: Role | null };

export async function syncWorkspaceAccess(tx: Tx, organizationId: string, userIds: string[]): Promise<LostAccess[]> {
  const people = [...new Set(userIds)];
  if (people.length === 0) return [];
  const [orgRoles, teamGrants, current] = await Promise.all([
    tx.orgMembership.findMany({
      where: { organizationId, userId: { in: people } },
      select: { userId: true, role: true },
    }),
    tx.teamMembership.findMany({
      where: { userId: { in: people }, team: { organizationId } },
      select: { userId: true, team: { select: { workspaceAccess: { select: { workspaceId: true, role: true } } } } },
    }),
    tx.workspaceMembership.findMany({
      where: { userId: { in: people }, workspace: { organizationId } },
      select: { id: true, userId: true, workspaceId: true, role: true, source: true },
    }),
  ]);
  const orgRole = new Map(orgRoles.map((m) => [m.userId, m.role]));
  // person → workspace → the highest role any of their teams has there
  const viaTeams = new Map<string, Map<string, Role>>();
  for (const { userId, team } of teamGrants) {
    const byWorkspace = viaTeams.get(userId) ?? new Map<string, Role>();
    for (const grant of team.workspaceAccess) {
      const had = byWorkspace.get(grant.workspaceId);
      byWorkspace.set(grant.workspaceId, had ? higherRole(had, grant.role) : grant.role);
    }
    viaTeams.set(userId, byWorkspace);
  }

  const lost: LostAccess[] = [];
  const noteLoss = (userId: string, workspaceId: string, before: Role, now: Role | null) => {
    if (now === null || (can(before, "write") && !can(now, "write"))) lost.push({ userId, workspaceId, now });
  };

  for (const userId of people) {
    const cap = orgRole.get(userId) ?? null;
    const teams = viaTeams.get(userId) ?? new Map<string, Role>();
    const rows = current.filter((r) => r.userId === userId);
    for (const row of rows) {
      const teamRole = teams.get(row.workspaceId);
      const wanted =
        cap === null
          ? null
          : row.source === "PERSON"
            ? lowerRole(row.role, cap)
            : teamRole
              ? lowerRole(teamRole, cap)
              : null;
      if (wanted === null) {
        await tx.workspaceMembership.delete({ where: { id: row.id } });
        noteLoss(userId, row.workspaceId, row.role, null);
      } else if (wanted !== row.role) {
        await tx.workspaceMembership.update({ where: { id: row.id }, data: { role: wanted } });
        noteLoss(userId, row.workspaceId, row.role, wanted);
      }
    }
    if (cap === null) continue;
    for (const [workspaceId, teamRole] of teams) {
      if (rows.some((r) => r.workspaceId === workspaceId)) continue;
      await tx.workspaceMembership.create({
        data: { workspaceId, userId, role: lowerRole(teamRole, cap), source: "TEAM" },
      });
    }
  }
  return lost;
}

/** After a change committed: cuts the open rooms of whoever lost access through it. */
export async function cutLostAccess<T extends { ok: boolean; lost?: LostAccess[] }>(result: T): Promise<T> {
  if (result.ok && result.lost?.length) await cutRoomAccess(result.lost);
  return result;
}
