/**
 * Every action the audit log records, with the words the log page shows for it. A new
 * administrative action adds its line here ("<area>.<verb in the past>"); recordAudit
 * refuses actions that are not listed, so the page can always describe what it shows.
 */
export const AUDIT_ACTIONS = {
  "organization.renamed": "Renamed the organisation",
  "organization.ai_model_changed": "Changed the AI model",
  "member.invited": "Invited someone",
  "member.invitation_resent": "Sent an invitation again",
  "member.invitation_revoked": "Revoked an invitation",
  "member.joined": "Joined through an invitation",
  "member.role_changed": "Changed a member's role",
  "member.removed": "Removed a member",
  "member.ownership_transferred": "Transferred ownership",
  "team.created": "Created a team",
  "team.renamed": "Renamed a team",
  "team.lead_changed": "Changed a team's lead",
  "team.member_added": "Added someone to a team",
  "team.member_removed": "Removed someone from a team",
  "team.deleted": "Deleted a team",
  "workspace.created": "Created a workspace",
  "workspace.renamed": "Renamed a workspace",
  "workspace.archived": "Archived a workspace",
  "workspace.restored": "Restored a workspace",
  "workspace.access_granted": "Gave access to a workspace",
  "workspace.access_changed": "Changed access to a workspace",
  "workspace.access_removed": "Removed access to a workspace",
  "document.renamed": "Renamed a document",
  "document.archived": "Archived a document",
  "document.restored": "Restored a document",
  "document.deleted": "Deleted a document",
  "session.code_revoked": "Revoked a session code",
  "token.created": "Created a personal access token",
  "token.revoked": "Revoked a personal access token",
  "ingestion_token.created": "Created a usage ingestion token",
  "ingestion_token.revoked": "Revoked a usage ingestion token",
  "budget.changed": "Changed a budget",
  "anomaly.dismissed": "Dismissed a cost anomaly as expected",
  "anomaly.confirmed": "Confirmed a cost anomaly",
  "savings.dismissed": "Dismissed a savings opportunity",
  "savings.done": "Marked a savings opportunity done",
  "savings.reopened": "Reopened a savings opportunity",
  "webhook.created": "Added a webhook",
  "webhook.changed": "Changed a webhook",
  "webhook.deleted": "Deleted a webhook",
  "billing.tier_changed": "Changed the plan",
  "billing.checkout_started": "Started paying through Stripe Checkout",
  "billing.plan_change_requested": "Asked Stripe to switch plan",
  "billing.seats_change_requested": "Asked Stripe to change the seats",
  "billing.portal_opened": "Opened the Stripe billing portal",
  "sso.connection_saved": "Configured single sign-on",
  "sso.connection_removed": "Removed single sign-on",
  "sso.domain_added": "Added a domain for single sign-on",
  "sso.domain_verified": "Verified a domain",
  "sso.domain_removed": "Removed a domain",
  "sso.require_sso_changed": "Changed whether a domain requires SSO",
  "member.joined_through_sso": "Joined through single sign-on",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}
