import { createTransport, type Transporter } from "nodemailer";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";

/**
 * Sending e-mail (docs/decisions/071-email-outbox.md). With SMTP_URL, through nodemailer;
 * without it, the message is kept in the outbox (PostgreSQL), shown at /dev/outbox in
 * development and logged (recipient and subject only: the text may hold a single-use link).
 * Either way a row records it, so no message is ever silently dropped.
 */
export type Email = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is for, e.g. "invitation". */
  purpose: string;
  organizationId?: string;
};

export type EmailOutcome =
  { status: "SENT"; id: string } | { status: "FAILED"; id: string; error: string } | { status: "OUTBOX"; id: string };

// One transport per SMTP_URL: tests (and a reloaded environment) may point it elsewhere.
let transport: { url: string; transporter: Transporter } | undefined;

function smtp(url: string): Transporter {
  if (transport?.url !== url)
    transport = {
      url,
      transporter: createTransport({
        url,
        // Someone is waiting for the page: fail in seconds, not nodemailer's default two minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  return transport.transporter;
}

export function emailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

export async function sendEmail(email: Email): Promise<EmailOutcome> {
  const { SMTP_URL, MAIL_FROM } = env();
  const base = {
    to: email.to,
    subject: email.subject,
    purpose: email.purpose,
    organizationId: email.organizationId ?? null,
  };
  if (!SMTP_URL) {
    const row = await prisma.emailMessage.create({
      data: { ...base, text: email.text, html: email.html, status: "OUTBOX" },
      select: { id: true },
    });
    console.log(
      `email: "${email.subject}" to ${email.to} kept in the outbox (SMTP_URL is not set; see /dev/outbox in development)`,
    );
    return { status: "OUTBOX", id: row.id };
  }
  try {
    await smtp(SMTP_URL).sendMail({
      from: MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    const row = await prisma.emailMessage.create({
      data: { ...base, status: "SENT", sentAt: new Date() },
      select: { id: true },
    });
    return { status: "SENT", id: row.id };
  } catch (error) {
    const reason = describeSmtpError(error);
    const row = await prisma.emailMessage.create({
      data: { ...base, status: "FAILED", error: reason },
      select: { id: true },
    });
    console.error(`email: "${email.subject}" to ${email.to} could not be sent: ${reason}`);
    return { status: "FAILED", id: row.id, error: reason };
  }
}

/** What went wrong, in words an admin can act on; never the SMTP URL (it holds the password). */
function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.code === "ECONNECTION" || e.code === "ETIMEDOUT" || e.code === "ESOCKET")
    return "the mail server could not be reached; try again in a few minutes";
  if (e.code === "EAUTH") return "the mail server refused the app's credentials (check SMTP_URL)";
  if (e.responseCode)
    return `the mail server refused the message (${e.responseCode} ${(e.response ?? "").slice(0, 160)})`;
  return "the mail server did not accept the message";
}

/** The messages kept while no SMTP server is configured, newest first (for /dev/outbox). */
export function listOutbox(limit = 100) {
  return prisma.emailMessage.findMany({
    where: { status: "OUTBOX" },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, purpose: true, text: true, html: true, createdAt: true },
  });
}
