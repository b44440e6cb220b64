import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { cutLostAccess, syncWorkspaceAccess, type LostAccess } from "./access.server";
import { lockOrganization } from "./organization.server";
import { canGrantRole, canManageMember, RoleField } from "./roles";

/**
 * The people of an organisation: their roles, removing them, handing over ownership. Every
 * change runs under the organisation's lock (lockOrganization), so the rule that an
 * organisation always keeps an owner holds when two owners demote each other at once.
 */
type Tx = Prisma.TransactionClient;

export type Actor = { id: string; name: string; email: string; role: Role };

export type MemberChange =
  { ok: true; lost: LostAccess[] } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

const MemberId = z.string().uuid("Choose a member.");

export const MemberIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("change-role"), userId: MemberId, role: RoleField }),
    z.object({ intent: z.literal("remove"), userId: MemberId }),
    z.object({ intent: z.literal("transfer-ownership"), userId: MemberId }),
  ],
  { error: "Choose what to do: change a role, remove someone or transfer ownership." },
);

export async function listMembers(organizationId: string) {
  const members = await prisma.orgMembership.findMany({
    where: { organizationId },
    orderBy: [{ user: { name: "asc" } }],
    select: {
      role: true,
      createdAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          teamMemberships: { where: { team: { organizationId } }, select: { team: { select: { name: true } } } },
        },
      },
    },
  });
  return members.map((m) => ({
    id: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
    teams: m.user.teamMemberships.map((t) => t.team.name).sort(),
  }));
}

async function membershipOf(tx: Tx, organizationId: string, userId: string) {
  return tx.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true, role: true, user: { select: { name: true, email: true } } },
  });
}

/**
 * Takes the organisation's lock, then reads the actor's and the target's memberships under it
 * (the actor's own role may have changed since the page loaded); null when either is gone.
 */
async function lockedMemberships(tx: Tx, organizationId: string, actorId: string, userId: string) {
  await lockOrganization(tx, organizationId);
  const actorNow = await membershipOf(tx, organizationId, actorId);
  const target = await membershipOf(tx, organizationId, userId);
  return actorNow && target ? { actorNow, target } : null;
}

const NOT_A_MEMBER = { ok: false as const, status: 404 as const, message: "That person is not a member." };

const memberTarget = (userId: string, member: { user: { name: string; email: string } }) => ({
  type: "member",
  id: userId,
  label: `${member.user.name} <${member.user.email}>`,
});

const ownersOf = (tx: Tx, organizationId: string) =>
  tx.orgMembership.count({ where: { organizationId, role: "OWNER" } });

const LAST_OWNER =
  "An organisation always keeps at least one owner. Make someone else an owner first (or transfer ownership).";

export async function changeMemberRole(
  input: { organizationId: string; actor: Actor; userId: string; role: Role },
  audit: AuditOrigin,
): Promise<MemberChange> {
  const { organizationId, actor, userId, role } = input;
  return cutLostAccess(
    await prisma.$transaction(async (tx) => {
      const both = await lockedMemberships(tx, organizationId, actor.id, userId);
      if (!both) return NOT_A_MEMBER;
      const { actorNow, target } = both;
      if (!canManageMember(actorNow.role, target.role) || !canGrantRole(actorNow.role, role)) {
        return {
          ok: false as const,
          status: 403 as const,
          message: "Only owners can make someone an owner or change an owner's role.",
        };
      }
      if (target.role === role) return { ok: true as const, lost: [] };
      if (target.role === "OWNER" && (await ownersOf(tx, organizationId)) <= 1) {
        return { ok: false as const, status: 409 as const, message: LAST_OWNER };
      }
      await tx.orgMembership.update({ where: { id: target.id }, data: { role } });
      const lost = await syncWorkspaceAccess(tx, organizationId, [userId]);
      await recordAudit(
        {
          ...audit,
          organizationId,
          action: "member.role_changed",
          target: memberTarget(userId, target),
          before: { role: ROLE_LABELS[target.role] },
          after: { role: ROLE_LABELS[role] },
        },
        tx,
      );
      return { ok: true as const, lost };
    }),
  );
}

/**
 * Removes someone from the organisation: its teams and workspaces too, and their tokens
 * for it. Owners and admins remove others (admins not owners); anyone may leave.
 */
export async function removeMember(
  input: { organizationId: string; actor: Actor; userId: string },
  audit: AuditOrigin,
): Promise<MemberChange> {
  const { organizationId, actor, userId } = input;
  return cutLostAccess(
    await prisma.$transaction(async (tx) => {
      const both = await lockedMemberships(tx, organizationId, actor.id, userId);
      if (!both) return NOT_A_MEMBER;
      const { actorNow, target } = both;
      const leaving = actor.id === userId;
      if (!leaving && !canManageMember(actorNow.role, target.role)) {
        return {
          ok: false as const,
          status: 403 as const,
          message:
            actorNow.role === "ADMIN"
              ? "Only owners can remove an owner."
              : "Only owners and admins can remove people.",
        };
      }
      if (target.role === "OWNER" && (await ownersOf(tx, organizationId)) <= 1) {
        return { ok: false as const, status: 409 as const, message: LAST_OWNER };
      }
      const teams = await tx.teamMembership.findMany({
        where: { userId, team: { organizationId } },
        select: { team: { select: { name: true } } },
      });
      await tx.teamMembership.deleteMany({ where: { userId, team: { organizationId } } });
      await tx.team.updateMany({ where: { organizationId, leadId: userId }, data: { leadId: null } });
      await tx.orgMembership.delete({ where: { id: target.id } });
      // Their automation tokens for this organisation stop too (authenticateToken checks
      // membership anyway; revoking shows it in their list).
      await tx.personalAccessToken.updateMany({
        where: { userId, organizationId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const lost = await syncWorkspaceAccess(tx, organizationId, [userId]);
      await recordAudit(
        {
          ...audit,
          organizationId,
          action: "member.removed",
          target: memberTarget(userId, target),
          before: { role: ROLE_LABELS[target.role], teams: teams.map((t) => t.team.name) },
          after: leaving ? { left: "on their own" } : null,
        },
        tx,
      );
      return { ok: true as const, lost };
    }),
  );
}

/** The owner makes someone else an owner and steps down to admin, in one step. */
export async function transferOwnership(
  input: { organizationId: string; actor: Actor; userId: string },
  audit: AuditOrigin,
): Promise<MemberChange> {
  const { organizationId, actor, userId } = input;
  return cutLostAccess(
    await prisma.$transaction(async (tx) => {
      const both = await lockedMemberships(tx, organizationId, actor.id, userId);
      if (!both) return NOT_A_MEMBER;
      const { actorNow, target } = both;
      if (actorNow.role !== "OWNER")
        return { ok: false as const, status: 403 as const, message: "Only an owner can transfer ownership." };
      if (userId === actor.id)
        return { ok: false as const, status: 400 as const, message: "Choose someone else to hand ownership to." };
      await tx.orgMembership.update({ where: { id: target.id }, data: { role: "OWNER" } });
      await tx.orgMembership.update({ where: { id: actorNow.id }, data: { role: "ADMIN" } });
      const lost = await syncWorkspaceAccess(tx, organizationId, [userId, actor.id]);
      await recordAudit(
        {
          ...audit,
          organizationId,
          action: "member.ownership_transferred",
          target: memberTarget(userId, target),
          before: { owner: actor.name, [`${target.user.name}'s role`]: ROLE_LABELS[target.role] },
          after: { owner: target.user.name, [`${actor.name}'s role`]: ROLE_LABELS.ADMIN },
        },
        tx,
      );
      return { ok: true as const, lost };
    }),
  );
}
