import { recordAudit, type AuditEntry, type AuditOrigin } from "~/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client";

/** An owner or admin changing an organisation's single sign-on, and from where. */
export type Actor = { organizationId: string; origin: AuditOrigin };

/**
 * Records a single sign-on change in the audit log, inside the change's own transaction:
 * the identity provider (target "sso_connection") or a domain (target "sso_domain").
 */
export function recordSsoChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: AuditEntry["action"],
  target: AuditEntry["target"],
  change: Pick<AuditEntry, "before" | "after"> = {},
) {
  return recordAudit({ ...actor.origin, organizationId: actor.organizationId, action, target, ...change }, tx);
}
