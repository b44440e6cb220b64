import { recordAudit, type AuditEntry } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { emailDomain } from "./requirement.server";

/**
 * Who comes in through an organisation's identity provider, and as whom. The provider's
 * subject is the identity (e-mail addresses change); the first time, it is linked to the
 * account with the same address, or a new account is made. Either way the address must be
 * on one of the organisation's verified domains: a provider may only vouch for addresses its
 * organisation has proven it controls, so it cannot take over accounts elsewhere.
 * Just-in-time membership: someone who is not a member yet joins the organisation, and each
 * of its workspaces, with the connection's default role.
 */
export type ProviderProfile = {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
};

type Connection = { id: string; organizationId: string; defaultRole: Role };
export type JoinResult = { ok: true; userId: string; joined: boolean } | { ok: false; message: string };

export async function joinThroughProvider(
  connection: Connection,
  profile: ProviderProfile,
  from: Pick<AuditEntry, "ip" | "userAgent">,
): Promise<JoinResult> {
  if (!profile.email)
    return { ok: false, message: "The identity provider did not share your e-mail address, so we cannot sign you in." };
  if (profile.emailVerified === false)
    return { ok: false, message: "The identity provider says your e-mail address is not verified yet." };
  const email = profile.email;
  const domain = emailDomain(email);
  const verified = await prisma.ssoDomain.findFirst({
    where: { organizationId: connection.organizationId, verifiedDomain: domain },
    select: { id: true },
  });
  if (!verified)
    return {
      ok: false,
      message: `${domain} is not a verified domain of this organisation, so its identity provider cannot sign in ${email}.`,
    };

  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const userId = await accountFor(tx, connection.id, profile.subject, email, profile.name);
      const now = new Date();
      await tx.ssoIdentity.upsert({
        where: { connectionId_subject: { connectionId: connection.id, subject: profile.subject } },
        create: { connectionId: connection.id, subject: profile.subject, userId, email, lastLoginAt: now },
        update: { email, lastLoginAt: now },
      });
      const joined = await joinOrganization(tx, connection, userId, from);
      await tx.ssoConnection.update({ where: { id: connection.id }, data: { lastSuccessAt: now } });
      return { ok: true as const, userId, joined };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first sign-ins of one person at once: the other one created the account; link to it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return attempt();
    throw error;
  }
}

async function accountFor(
  tx: Prisma.TransactionClient,
  connectionId: string,
  subject: string,
  email: string,
  name: string | null,
) {
  const identity = await tx.ssoIdentity.findUnique({
    where: { connectionId_subject: { connectionId, subject } },
    select: { userId: true },
  });
  if (identity) return identity.userId;
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const created = await tx.user.create({
    data: { email, name: name?.trim().slice(0, 100) || email.slice(0, email.indexOf("@")) },
  });
  return created.id;
}

/** Adds a newcomer to the organisation and its workspaces with the default role; members keep theirs. */
async function joinOrganization(
  tx: Prisma.TransactionClient,
  connection: Connection,
  userId: string,
  from: Pick<AuditEntry, "ip" | "userAgent">,
) {
  const membership = await tx.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId: connection.organizationId, userId } },
    select: { id: true },
  });
  if (membership) return false;
  const role = connection.defaultRole;
  await tx.orgMembership.create({ data: { organizationId: connection.organizationId, userId, role } });
  const workspaces = await tx.workspace.findMany({
    where: { organizationId: connection.organizationId },
    select: { id: true },
  });
  await tx.workspaceMembership.createMany({
    data: workspaces.map((w) => ({ workspaceId: w.id, userId, role })),
    skipDuplicates: true,
  });
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true },
  });
  await recordAudit(
    {
      ...from,
      actor: user,
      organizationId: connection.organizationId,
      action: "member.joined_through_sso",
      target: { type: "member", id: user.id, label: user.email },
      after: { role },
    },
    tx,
  );
  return true;
}
