import type { Prisma } from "~/generated/prisma/client";

/**
 * The one call site through which every administrative single sign-on action is audited:
 * configuring or removing the identity provider, adding, verifying or removing a domain, and
 * turning "require SSO" on or off. The audit log (app/audit, issue 11 part A) has not landed
 * on main yet; until it does, each action is written here as one structured log line, and
 * this function is the only place to hand it to app/audit instead (inside `tx` where given).
 */
export type SsoAction = {
  organizationId: string;
  actorId: string;
  action:
    | "sso.connection_saved"
    | "sso.connection_removed"
    | "sso.domain_added"
    | "sso.domain_verified"
    | "sso.domain_removed"
    | "sso.require_sso_changed";
  target?: string;
  before?: unknown;
  after?: unknown;
  /** The client's address. */
  via: string;
};

export async function recordSsoAction(_tx: Prisma.TransactionClient | null, entry: SsoAction) {
  console.info(JSON.stringify({ audit: entry, at: new Date().toISOString() }));
}
