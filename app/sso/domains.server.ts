import { randomBytes } from "node:crypto";
import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { recordSsoChange, type Actor } from "./audit.server";
import { DnsLookupFailed, type TxtLookup } from "./dns-txt.server";
import { challengeName, challengeValue, RECORD_PREFIX } from "./domain-names.server";

/**
 * E-mail domains an organisation proves it controls, by publishing a TXT record
 * (docs/decisions/077-sso-domains-by-dns-txt.md). A verified domain lets people with its
 * addresses join through the organisation's identity provider, and lets the organisation
 * require single sign-on for them. One organisation at most holds a verified domain.
 */
export type DomainResult = { ok: true; message: string } | { ok: false; message: string };

export async function listDomains(organizationId: string) {
  return prisma.ssoDomain.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
}

export async function addDomain(actor: Actor, domain: string): Promise<DomainResult> {
  try {
    await prisma.$transaction(async (tx) => {
      const added = await tx.ssoDomain.create({
        data: {
          organizationId: actor.organizationId,
          domain,
          verificationToken: randomBytes(16).toString("base64url"), // 128 bits
        },
      });
      await recordSsoChange(tx, actor, "sso.domain_added", { type: "sso_domain", id: added.id, label: domain });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, message: `${domain} is on the list already.` };
    throw error;
  }
  return { ok: true, message: `Added ${domain}. Publish the TXT record below, then check it.` };
}

/** Looks for the TXT record and, when it is there, marks the domain verified. */
export async function verifyDomain(actor: Actor, domainId: string, lookup: TxtLookup): Promise<DomainResult> {
  const domain = await prisma.ssoDomain.findFirst({ where: { id: domainId, organizationId: actor.organizationId } });
  if (!domain) return { ok: false, message: "That domain is not on this organisation's list." };
  if (domain.verifiedAt) return { ok: true, message: `${domain.domain} is verified already.` };
  const expected = challengeValue(domain.verificationToken);
  let found: string[];
  try {
    found = await lookup(challengeName(domain.domain));
  } catch (error) {
    if (!(error instanceof DnsLookupFailed)) throw error;
    return recordFailure(domain.id, error.message);
  }
  if (!found.includes(expected)) {
    const seen = found.filter((v) => v.startsWith(RECORD_PREFIX));
    return recordFailure(
      domain.id,
      seen.length
        ? `The TXT record at ${challengeName(domain.domain)} holds another value (${seen[0]!.slice(0, 80)}). Copy the value below exactly.`
        : `No ${RECORD_PREFIX}… TXT record at ${challengeName(domain.domain)} yet. DNS changes can take a while to appear; try again later.`,
    );
  }
  try {
    await prisma.$transaction(async (tx) => {
      await tx.ssoDomain.update({
        where: { id: domain.id },
        data: {
          verifiedAt: new Date(),
          verifiedDomain: domain.domain,
          lastCheckedAt: new Date(),
          lastCheckError: null,
        },
      });
      await recordSsoChange(
        tx,
        actor,
        "sso.domain_verified",
        { type: "sso_domain", id: domain.id, label: domain.domain },
        { before: { verified: false }, after: { verified: true } },
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return recordFailure(
        domain.id,
        `Another organisation has verified ${domain.domain} already. Ask its owners to remove it first.`,
      );
    throw error;
  }
  return { ok: true, message: `${domain.domain} is verified.` };
}

async function recordFailure(domainId: string, message: string): Promise<DomainResult> {
  await prisma.ssoDomain.update({
    where: { id: domainId },
    data: { lastCheckedAt: new Date(), lastCheckError: message },
  });
  return { ok: false, message };
}

export async function removeDomain(actor: Actor, domainId: string): Promise<DomainResult> {
  const { count, domain } = await prisma.$transaction(async (tx) => {
    const found = await tx.ssoDomain.findFirst({ where: { id: domainId, organizationId: actor.organizationId } });
    if (!found) return { count: 0, domain: null };
    await tx.ssoDomain.delete({ where: { id: found.id } });
    await recordSsoChange(
      tx,
      actor,
      "sso.domain_removed",
      { type: "sso_domain", id: found.id, label: found.domain },
      { before: { verified: Boolean(found.verifiedAt), requireSso: found.requireSso } },
    );
    return { count: 1, domain: found.domain };
  });
  return count
    ? { ok: true, message: `Removed ${domain}.` }
    : { ok: false, message: "That domain is not on this organisation's list." };
}

/**
 * Turns "require SSO" on or off for a verified domain. Turning it on needs a working
 * identity provider (someone has signed in through it), or nobody with those addresses
 * could sign in at all, the owners included.
 */
export async function setRequireSso(actor: Actor, domainId: string, on: boolean): Promise<DomainResult> {
  return prisma.$transaction(async (tx) => {
    const domain = await tx.ssoDomain.findFirst({ where: { id: domainId, organizationId: actor.organizationId } });
    if (!domain) return { ok: false, message: "That domain is not on this organisation's list." };
    if (on) {
      if (!domain.verifiedAt) return { ok: false, message: `Verify ${domain.domain} before requiring SSO for it.` };
      const connection = await tx.ssoConnection.findUnique({
        where: { organizationId: actor.organizationId },
        select: { enabled: true, lastSuccessAt: true },
      });
      if (!connection?.enabled) return { ok: false, message: "Set up the identity provider before requiring SSO." };
      if (!connection.lastSuccessAt)
        return {
          ok: false,
          message:
            "Nobody has signed in through the identity provider yet. Sign in once with single sign-on (a private window works) so we know it works, then require it.",
        };
    }
    if (domain.requireSso === on) return { ok: true, message: "No change." };
    await tx.ssoDomain.update({ where: { id: domain.id }, data: { requireSso: on } });
    await recordSsoChange(
      tx,
      actor,
      "sso.require_sso_changed",
      { type: "sso_domain", id: domain.id, label: domain.domain },
      { before: { requireSso: domain.requireSso }, after: { requireSso: on } },
    );
    return {
      ok: true,
      message: on
        ? `Addresses at ${domain.domain} must now sign in with single sign-on.`
        : `Addresses at ${domain.domain} may sign in with a password again.`,
    };
  });
}
