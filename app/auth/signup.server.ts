import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { emailConfigured, sendEmail } from "~/email/mailer.server";
import { alreadyRegisteredEmail, signupLinkEmail } from "~/email/templates";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import type { SignupSchema } from "./account-schemas.server";
import { createAccount } from "./accounts.server";
import { hashPassword } from "./password.server";

/**
 * Signing up by e-mail, without telling anyone whether an address has an account
 * (issue 19, finding 11; docs/decisions/061-sign-up-by-e-mail-link.md). Every sign-up gets
 * the same answer, "check your inbox", after the same work (a password hash and one
 * e-mail): a new address gets a link that creates the account, an address that already
 * has one gets a note saying so. Only the inbox's owner learns which.
 * Without SMTP_URL, development (SHOW_DEMO_CREDENTIALS) shows the link on the page instead;
 * elsewhere sign-up by e-mail is unavailable and says so.
 */
export const SIGNUP_LINK_HOURS = 24;
/** Mails to one address per hour, whoever asks: enough for typos, too few to flood an inbox. */
export const SIGNUP_MAILS_PER_ADDRESS = { limit: 5, windowSeconds: 3600 };

export type SignupAnswer = { email: string; devLink: string | null };
export type SignupResult = { ok: true; sent: SignupAnswer } | { ok: false; message: string };

export function signupAvailable(): boolean {
  return emailConfigured() || env().SHOW_DEMO_CREDENTIALS;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function requestSignup(input: z.infer<typeof SignupSchema>, origin: string): Promise<SignupResult> {
  // The same cost either way: the hash is computed before anyone looks the address up.
  const passwordHash = await hashPassword(input.password);
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  const token = randomBytes(32).toString("base64url");
  const link = new URL(`/signup/confirm?${new URLSearchParams({ token })}`, env().APP_URL ?? origin).href;
  if (!existing) {
    await prisma.pendingSignup.create({
      data: {
        tokenHash: hashToken(token),
        email: input.email,
        name: input.name,
        passwordHash,
        expiresAt: new Date(Date.now() + SIGNUP_LINK_HOURS * 3600_000),
      },
    });
  }
  const mailable = await consumeRateLimit(`signup-mail:${input.email}`, SIGNUP_MAILS_PER_ADDRESS);
  if (emailConfigured()) {
    if (mailable.allowed) {
      const content = existing
        ? alreadyRegisteredEmail({ loginLink: new URL("/login", env().APP_URL ?? origin).href })
        : signupLinkEmail({ name: input.name, link, hours: SIGNUP_LINK_HOURS });
      const outcome = await sendEmail({ to: input.email, purpose: "sign-up", ...content });
      // The mail server is down for everyone alike, so saying so tells nothing about the address
      // (sendEmail logged why, without the link).
      if (outcome.status === "FAILED") return { ok: false, message: MAIL_FAILED };
    }
    return { ok: true, sent: { email: input.email, devLink: null } };
  }
  // Development without SMTP: the link on the page (a laptop; nothing to hide there).
  return { ok: true, sent: { email: input.email, devLink: existing ? null : link } };
}

const MAIL_FAILED = "We could not send the e-mail just now. Try again in a few minutes.";

/** A link that can still be used, for the confirmation page (without using it). */
export async function pendingSignupFor(token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const pending = await prisma.pendingSignup.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, name: true, expiresAt: true },
  });
  return pending && pending.expiresAt > new Date() ? { email: pending.email, name: pending.name } : null;
}

export type ConfirmResult =
  { ok: true; userId: string } | { ok: false; reason: "invalid" | "expired" | "taken"; message: string };

/** Uses the link once: the account is created, every other pending sign-up of the address goes. */
export async function confirmSignup(token: string): Promise<ConfirmResult> {
  const invalid = {
    ok: false as const,
    reason: "invalid" as const,
    message: "This link is not valid, or it was already used. Sign up again to get a new one.",
  };
  if (!/^[\w-]{20,100}$/.test(token)) return invalid;
  // Deleting first makes the link single-use even when it is opened twice at once.
  const [pending] = await prisma.$queryRaw<
    { email: string; name: string; passwordHash: string; expiresAt: Date }[]
  >`DELETE FROM "PendingSignup" WHERE "tokenHash" = ${hashToken(token)}
    RETURNING "email", "name", "passwordHash", "expiresAt"`;
  if (!pending) return invalid;
  if (pending.expiresAt <= new Date())
    return { ok: false, reason: "expired", message: "This link has expired. Sign up again to get a new one." };
  const created = await createAccount(pending);
  await prisma.pendingSignup.deleteMany({ where: { email: pending.email } });
  if (!created.ok)
    return { ok: false, reason: "taken", message: "This address already has an account. Log in instead." };
  return { ok: true, userId: created.user.id };
}
