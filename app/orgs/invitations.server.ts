import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { SignupSchema } from "~/auth/account-schemas.server";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/db/client.server";
import { sendEmail, type EmailOutcome } from "~/email/mailer.server";
import { invitationEmail } from "~/email/templates";
import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { Email } from "~/http/validation.server";
import { syncWorkspaceAccess } from "./access.server";
import type { Actor } from "./members.server";
import { lockOrganization, pendingInvitationWhere, seatUsage } from "./organization.server";
import { canGrantRole, RoleField } from "./roles";
import { noSeatMessage, seatsFree } from "./seats";

/**
 * Invitations (docs/decisions/072-members-invitations-teams.md): a link with 256 random
 * bits, of which only the SHA-256 is stored; single-use (accepting marks it in the same
 * statement that checks it); valid seven days from its last sending; revocable; sent again
 * with a fresh token (the old link stops working). A pending invitation holds a seat.
 */
export const INVITATION_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
const newToken = () => randomBytes(32).toString("base64url");
const expiry = (from = new Date()) => new Date(from.getTime() + INVITATION_DAYS * 86_400_000);

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: Email,
  role: RoleField,
  /** Team ids, from the form's checkboxes (one value each) or none. */
  teamIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().uuid("Choose teams from the list.")).max(50, "Choose at most 50 teams.")),
});
export const InvitationIdSchema = z.object({
  intent: z.enum(["resend", "revoke"]),
  invitationId: z.string().uuid("Choose an invitation."),
});

export type InvitationResult =
  | { ok: true; invitationId: string; email: EmailOutcome }
  | { ok: false; status: 400 | 403 | 404 | 409; field?: string; message: string };

export async function listPendingInvitations(organizationId: string) {
  const rows = await prisma.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      lastSentAt: true,
      sendCount: true,
      emailStatus: true,
      emailError: true,
      invitedBy: { select: { name: true } },
      teams: { select: { team: { select: { name: true } } } },
    },
  });
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    expired: r.expiresAt.getTime() <= now,
    invitedBy: r.invitedBy?.name ?? "someone",
    teams: r.teams.map((t) => t.team.name).sort(),
  }));
}

/** Creates the invitation (holding a seat) and sends its e-mail. */
export async function inviteMember(
  input: {
    organizationId: string;
    actor: Actor;
    email: string;
    role: Role;
    teamIds: string[];
    linkFor: (token: string) => string;
  },
  audit: AuditOrigin,
): Promise<InvitationResult> {
  const { organizationId, actor, email, role } = input;
  const token = newToken();
  const created = await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const actorNow = await tx.orgMembership.findUnique({
      where: { organizationId_userId: { organizationId, userId: actor.id } },
      select: { role: true, organization: { select: { name: true, tier: true } } },
    });
    if (!actorNow || (actorNow.role !== "OWNER" && actorNow.role !== "ADMIN"))
      return { ok: false as const, status: 403 as const, message: "Only owners and admins can invite people." };
    if (!canGrantRole(actorNow.role, role))
      return { ok: false as const, status: 403 as const, field: "role", message: "Only owners can invite an owner." };
    const teams = await tx.team.findMany({
      where: { organizationId, id: { in: input.teamIds } },
      select: { id: true, name: true },
    });
    if (teams.length !== new Set(input.teamIds).size)
      return {
        ok: false as const,
        status: 400 as const,
        field: "teamIds",
        message: "Choose teams of this organisation.",
      };
    const member = await tx.orgMembership.findFirst({
      where: { organizationId, user: { email } },
      select: { id: true },
    });
    if (member)
      return { ok: false as const, status: 409 as const, field: "email", message: `${email} is already a member.` };
    const pending = await tx.invitation.findFirst({
      where: { ...pendingInvitationWhere(organizationId), email },
      select: { id: true },
    });
    if (pending)
      return {
        ok: false as const,
        status: 409 as const,
        field: "email",
        message: `${email} already has a pending invitation: send it again from the list below.`,
      };
    const seats = await seatUsage(tx, organizationId);
    if (seatsFree(seats) < 1)
      return { ok: false as const, status: 409 as const, message: noSeatMessage(seats, actorNow.organization.tier) };
    const invitation = await tx.invitation.create({
      data: {
        organizationId,
        email,
        role,
        tokenHash: hashToken(token),
        invitedById: actor.id,
        expiresAt: expiry(),
        teams: { create: teams.map((t) => ({ teamId: t.id })) },
      },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "member.invited",
        target: { type: "invitation", id: invitation.id, label: email },
        after: { role: ROLE_LABELS[role], teams: teams.map((t) => t.name) },
      },
      tx,
    );
    return { ok: true as const, invitation, organizationName: actorNow.organization.name };
  });
  if (!created.ok) return created;
  const outcome = await mailInvitation({
    invitationId: created.invitation.id,
    organizationId,
    organizationName: created.organizationName,
    inviterName: actor.name,
    email,
    role,
    link: input.linkFor(token),
    expiresAt: created.invitation.expiresAt,
  });
  return { ok: true, invitationId: created.invitation.id, email: outcome };
}

async function mailInvitation(input: {
  invitationId: string;
  organizationId: string;
  organizationName: string;
  inviterName: string;
  email: string;
  role: Role;
  link: string;
  expiresAt: Date;
}) {
  const message = invitationEmail({
    inviterName: input.inviterName,
    organizationName: input.organizationName,
    roleLabel: ROLE_LABELS[input.role],
    link: input.link,
    expiresAt: input.expiresAt,
  });
  const outcome = await sendEmail({
    to: input.email,
    ...message,
    purpose: "invitation",
    organizationId: input.organizationId,
  });
  await prisma.invitation.update({
    where: { id: input.invitationId },
    data: { emailStatus: outcome.status, emailError: outcome.status === "FAILED" ? outcome.error : null },
  });
  return outcome;
}

/** Sends an invitation again with a new link (the old one stops working) and seven more days. */
export async function resendInvitation(
  input: { organizationId: string; actor: Actor; invitationId: string; linkFor: (token: string) => string },
  audit: AuditOrigin,
): Promise<InvitationResult> {
  const { organizationId, actor, invitationId } = input;
  const token = newToken();
  const renewed = await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
      select: {
        id: true,
        email: true,
        role: true,
        expiresAt: true,
        organization: { select: { name: true, tier: true } },
      },
    });
    if (!invitation)
      return { ok: false as const, status: 404 as const, message: "That invitation was accepted or revoked." };
    // An expired invitation no longer holds a seat: renewing it takes one again.
    if (invitation.expiresAt.getTime() <= Date.now()) {
      const seats = await seatUsage(tx, organizationId);
      if (seatsFree(seats) < 1)
        return {
          ok: false as const,
          status: 409 as const,
          message: noSeatMessage(seats, invitation.organization.tier),
        };
    }
    const updated = await tx.invitation.update({
      where: { id: invitation.id },
      data: {
        tokenHash: hashToken(token),
        expiresAt: expiry(),
        lastSentAt: new Date(),
        sendCount: { increment: 1 },
        invitedById: actor.id,
      },
      select: { expiresAt: true },
    });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "member.invitation_resent",
        target: { type: "invitation", id: invitation.id, label: invitation.email },
      },
      tx,
    );
    return { ok: true as const, invitation: { ...invitation, expiresAt: updated.expiresAt } };
  });
  if (!renewed.ok) return renewed;
  const { invitation } = renewed;
  const outcome = await mailInvitation({
    invitationId: invitation.id,
    organizationId,
    organizationName: invitation.organization.name,
    inviterName: actor.name,
    email: invitation.email,
    role: invitation.role,
    link: input.linkFor(token),
    expiresAt: invitation.expiresAt,
  });
  return { ok: true, invitationId: invitation.id, email: outcome };
}

export async function revokeInvitation(
  input: { organizationId: string; invitationId: string },
  audit: AuditOrigin,
): Promise<{ ok: true } | { ok: false; status: 404; message: string }> {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, organizationId: input.organizationId, acceptedAt: null, revokedAt: null },
      select: { id: true, email: true },
    });
    if (!invitation)
      return { ok: false as const, status: 404 as const, message: "That invitation was already accepted or revoked." };
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        ...audit,
        organizationId: input.organizationId,
        action: "member.invitation_revoked",
        target: { type: "invitation", id: invitation.id, label: invitation.email },
      },
      tx,
    );
    return { ok: true as const };
  });
}

export type InvitationView =
  | { state: "unknown" }
  | { state: "used" | "revoked" | "expired"; organizationName: string }
  | {
      state: "open";
      id: string;
      email: string;
      role: Role;
      organizationId: string;
      organizationName: string;
      inviterName: string;
      expiresAt: Date;
      hasAccount: boolean;
    };

/** What a link leads to, for the invitation page. Malformed and unknown tokens look alike. */
export async function invitationByToken(token: string): Promise<InvitationView> {
  if (!TOKEN_PATTERN.test(token)) return { state: "unknown" };
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      organizationId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!row) return { state: "unknown" };
  const organizationName = row.organization.name;
  if (row.acceptedAt) return { state: "used", organizationName };
  if (row.revokedAt) return { state: "revoked", organizationName };
  if (row.expiresAt.getTime() <= Date.now()) return { state: "expired", organizationName };
  const account = await prisma.user.findUnique({ where: { email: row.email }, select: { id: true } });
  return {
    state: "open",
    id: row.id,
    email: row.email,
    role: row.role,
    organizationId: row.organizationId,
    organizationName,
    inviterName: row.invitedBy?.name ?? "Someone",
    expiresAt: row.expiresAt,
    hasAccount: account !== null,
  };
}

export type AcceptResult =
  | { ok: true; organizationId: string; workspaceId: string | null }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/**
 * Joins the organisation with the invitation's role and teams. Single use: the row is
 * claimed by one UPDATE that also checks it is still open, so two tabs accepting at once
 * cannot both join. Runs inside the caller's transaction (signing up and joining are one).
 */
export async function acceptInvitation(
  tx: Prisma.TransactionClient,
  token: string,
  user: { id: string; name: string; email: string },
  audit: Omit<AuditOrigin, "actor">,
): Promise<AcceptResult> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, status: 404, message: UNKNOWN_LINK };
  const found = await tx.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, organizationId: true, email: true },
  });
  if (!found) return { ok: false, status: 404, message: UNKNOWN_LINK };
  if (found.email !== user.email.toLowerCase())
    return {
      ok: false,
      status: 403,
      message: `This invitation is for ${found.email}, and you are signed in as ${user.email}. Log out, then open the link again.`,
    };
  await lockOrganization(tx, found.organizationId);
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Invitation" SET "acceptedAt" = now(), "acceptedById" = ${user.id}
    WHERE "id" = ${found.id} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
    RETURNING "id"`;
  if (claimed.length === 0)
    return { ok: false, status: 409, message: "This invitation was already used, revoked or has expired." };
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      role: true,
      organizationId: true,
      organization: { select: { tier: true } },
      teams: { select: { teamId: true, team: { select: { name: true } } } },
    },
  });
  const { organizationId } = invitation;
  const already = await tx.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId: user.id } },
    select: { id: true },
  });
  if (!already) {
    // The invitation held a seat until the UPDATE above; a plan made smaller since may have no room.
    const seats = await seatUsage(tx, organizationId);
    if (seatsFree(seats) < 1)
      return {
        ok: false,
        status: 409,
        message: "This organisation has no free seat right now. Ask whoever invited you to make room, then try again.",
      };
    await tx.orgMembership.create({ data: { organizationId, userId: user.id, role: invitation.role } });
  }
  await tx.teamMembership.createMany({
    data: invitation.teams.map((t) => ({ teamId: t.teamId, userId: user.id })),
    skipDuplicates: true,
  });
  await syncWorkspaceAccess(tx, organizationId, [user.id]);
  await recordAudit(
    {
      ...audit,
      actor: { id: user.id, name: user.name, email: user.email },
      organizationId,
      action: "member.joined",
      target: { type: "member", id: user.id, label: `${user.name} <${user.email}>` },
      after: {
        role: ROLE_LABELS[invitation.role],
        teams: invitation.teams.map((t) => t.team.name),
        ...(already ? { note: "was already a member" } : {}),
      },
    },
    tx,
  );
  const workspace = await tx.workspaceMembership.findFirst({
    where: { userId: user.id, workspace: { organizationId, archivedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { workspaceId: true },
  });
  return { ok: true, organizationId, workspaceId: workspace?.workspaceId ?? null };
}

const UNKNOWN_LINK = "This invitation link is not valid. Check that you copied all of it, or ask for a new one.";

/** A refusal inside the transaction: everything it wrote (the claim, a new account) rolls back. */
class Refused extends Error {
  constructor(readonly result: Extract<AcceptResult, { ok: false }>) {
    super(result.message);
  }
}

async function acceptInTransaction(
  run: (tx: Prisma.TransactionClient) => Promise<AcceptResult & { userId?: string }>,
): Promise<(AcceptResult & { userId?: string }) | Extract<AcceptResult, { ok: false }>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const result = await run(tx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, status: 409, message: "An account with this e-mail exists already: log in to accept." };
    throw error;
  }
}

/** A signed-in person accepts. */
export function acceptAsUser(
  token: string,
  user: { id: string; name: string; email: string },
  origin: Omit<AuditOrigin, "actor">,
) {
  return acceptInTransaction((tx) => acceptInvitation(tx, token, user, origin));
}

export const InviteSignupSchema = z.object({
  intent: z.literal("signup"),
  name: SignupSchema.shape.name,
  password: SignupSchema.shape.password,
});

/** Someone without an account signs up with the invited e-mail and joins, as one change. */
export async function acceptAsNewAccount(
  token: string,
  input: { name: string; password: string },
  origin: Omit<AuditOrigin, "actor">,
) {
  const view = await invitationByToken(token);
  if (view.state !== "open")
    return {
      ok: false as const,
      status: 409 as const,
      message: "This invitation was already used, revoked or has expired.",
    };
  const passwordHash = await hashPassword(input.password);
  return acceptInTransaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: view.email, name: input.name, passwordHash },
      select: { id: true, name: true, email: true },
    });
    const result = await acceptInvitation(tx, token, user, origin);
    return result.ok ? { ...result, userId: user.id } : result;
  });
}
