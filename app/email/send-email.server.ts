import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/config/env.server";

/**
 * Sending e-mail: SMTP through nodemailer when SMTP_URL is set (smtp:// or smtps://, with
 * credentials in the URL), from MAIL_FROM. Without SMTP_URL nothing can be delivered:
 * callers check `emailConfigured()` and say so to people rather than dropping mail.
 * Logs never carry a message's text (it may hold a sign-in link).
 */
export type Email = { to: string; subject: string; text: string };

// One transport per SMTP_URL: tests (and a reloaded environment) may point it elsewhere.
let transport: { url: string; transporter: Transporter } | undefined;

export function emailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export async function sendEmail(message: Email): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) throw new Error("E-mail is not configured (SMTP_URL is not set).");
  if (transport?.url !== SMTP_URL) transport = { url: SMTP_URL, transporter: nodemailer.createTransport(SMTP_URL) };
  await transport.transporter.sendMail({ from: MAIL_FROM, ...message });
}
