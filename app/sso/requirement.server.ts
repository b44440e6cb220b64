import { prisma } from "~/db/client.server";

/**
 * Which sign-in an e-mail address may use, by its domain: a verified domain whose
 * organisation requires single sign-on refuses passwords (and GitHub), so leaving the
 * organisation's identity provider ends access everywhere it counts.
 */
export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export type SsoRequirement = { organizationName: string; domain: string };

export async function ssoRequirementFor(email: string): Promise<SsoRequirement | null> {
  const domain = emailDomain(email);
  const claim = await prisma.ssoDomain.findUnique({
    where: { verifiedDomain: domain },
    select: { requireSso: true, organization: { select: { name: true } } },
  });
  return claim?.requireSso ? { organizationName: claim.organization.name, domain } : null;
}

export const ssoRequiredMessage = (r: SsoRequirement) =>
  `${r.organizationName} requires single sign-on for ${r.domain} addresses: use “Log in with single sign-on” with your work address.`;

/** The identity provider that signs in addresses of this e-mail's domain, if its organisation has one. */
export async function connectionForEmail(email: string) {
  const claim = await prisma.ssoDomain.findUnique({
    where: { verifiedDomain: emailDomain(email) },
    select: { organization: { select: { ssoConnection: { select: { id: true, enabled: true } } } } },
  });
  const connection = claim?.organization.ssoConnection;
  return connection?.enabled ? connection.id : null;
}
