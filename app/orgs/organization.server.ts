import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { plainText } from "~/http/validation.server";
import { TIER_SEATS, type SeatUsage } from "./seats";

type Tx = Prisma.TransactionClient;

/**
 * Serialises every change to who is in an organisation (roles, removals, invitations,
 * joins) on the organisation's row: two owners demoting each other at once, or two
 * invitations for the last seat, queue here and the second sees the first's result.
 */
export async function lockOrganization(tx: Tx, organizationId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
  if (!row) throw new Error(`No organisation ${organizationId}`);
}

/** Members and pending invitations against the tier's seats (./seats.ts); billing counts the same. */
export async function seatUsage(db: Tx | typeof prisma, organizationId: string): Promise<SeatUsage> {
  const [organization, members, pending] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { tier: true } }),
    db.orgMembership.count({ where: { organizationId } }),
    db.invitation.count({ where: pendingInvitationWhere(organizationId) }),
  ]);
  return { members, pending, limit: TIER_SEATS[organization.tier] };
}

export const pendingInvitationWhere = (organizationId: string, now = new Date()): Prisma.InvitationWhereInput => ({
  organizationId,
  acceptedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
});

export async function organizationSummary(organizationId: string) {
  const [organization, seats] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { id: true, name: true, tier: true },
    }),
    seatUsage(prisma, organizationId),
  ]);
  return { ...organization, seats };
}

export const RenameOrganizationSchema = z.object({
  intent: z.literal("rename"),
  name: plainText({ required: "Give the organisation a name.", max: 100 }),
});

export async function renameOrganization(organizationId: string, name: string, audit: AuditOrigin) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } });
    if (before.name === name) return;
    await tx.organization.update({ where: { id: organizationId }, data: { name } });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "organization.renamed",
        target: { type: "organization", id: organizationId, label: name },
        before: { name: before.name },
        after: { name },
      },
      tx,
    );
  });
}

/** The organisations someone belongs to, with their role in each. */
export async function listOrganizationsOf(userId: string) {
  const memberships = await prisma.orgMembership.findMany({
    where: { userId },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}
