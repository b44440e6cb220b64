/**
 * The e-mails the app sends, as text and HTML. Every interpolated value is escaped for
 * HTML: names and organisation names come from people.
 */
const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type EmailContent = { subject: string; text: string; html: string };

/** One message shape for all: a greeting line, a button with its link, and a note below it. */
function linkEmail(input: {
  subject: string;
  lead: string;
  leadHtml: string;
  action: string;
  link: string;
  note: string;
}) {
  const text = [input.lead, "", `${input.action}:`, input.link, "", input.note].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1b1f;line-height:1.5">
<p>${input.leadHtml}</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#3e63dd;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(input.action)}</a></p>
<p style="color:#63636e">Or open this link: ${escapeHtml(input.link)}<br>${escapeHtml(input.note)}</p>
</body></html>`;
  return { subject: input.subject, text, html } satisfies EmailContent;
}

export function invitationEmail(input: {
  inviterName: string;
  organizationName: string;
  roleLabel: string;
  link: string;
  expiresAt: Date;
}): EmailContent {
  const expires = input.expiresAt.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const role = input.roleLabel.toLowerCase();
  return linkEmail({
    subject: `${input.inviterName} invited you to ${input.organizationName} on APIMarketplace Pro`,
    lead: `${input.inviterName} invited you to join ${input.organizationName} on APIMarketplace Pro as ${role}.`,
    leadHtml: `<strong>${escapeHtml(input.inviterName)}</strong> invited you to join <strong>${escapeHtml(input.organizationName)}</strong> on APIMarketplace Pro as ${escapeHtml(role)}.`,
    action: "Accept the invitation",
    link: input.link,
    note: `The link works once and until ${expires}. If you did not expect this invitation, ignore this e-mail.`,
  });
}

/** Sign-up's link, which creates the account (docs/decisions/061-sign-up-by-e-mail-link.md). */
export function signupLinkEmail(input: { name: string; link: string; hours: number }): EmailContent {
  const lead = `Hello ${input.name}, open this link to finish creating your APIMarketplace Pro account.`;
  return linkEmail({
    subject: "Finish creating your APIMarketplace Pro account",
    lead,
    leadHtml: escapeHtml(lead),
    action: "Finish creating your account",
    link: input.link,
    note: `The link works once, for ${input.hours} hours. If you did not sign up, ignore this message.`,
  });
}

/** Sign-up with an address that has an account: the same work and answer, a different mail. */
export function alreadyRegisteredEmail(input: { loginLink: string }): EmailContent {
  const lead =
    "Someone (perhaps you) tried to create an APIMarketplace Pro account with this address, which already has one.";
  return linkEmail({
    subject: "You already have an APIMarketplace Pro account",
    lead,
    leadHtml: escapeHtml(lead),
    action: "Log in instead",
    link: input.loginLink,
    note: "If it was not you, you can ignore this message: nothing was changed.",
  });
}
