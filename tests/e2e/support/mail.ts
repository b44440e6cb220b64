import { expect } from "@playwright/test";

/**
 * E-mail the app sent, read from the real SMTP server `npm test -- e2e` runs
 * (tests/support/smtp-inbox.ts, served over HTTP as E2E_SMTP_INBOX_URL).
 */
export type ReceivedEmail = { to: string[]; subject: string; text: string };

/** The newest message to `address`, waiting for it up to 20 s. */
export async function messageTo(address: string): Promise<ReceivedEmail> {
  const inbox = process.env.E2E_SMTP_INBOX_URL;
  if (!inbox) throw new Error("E2E_SMTP_INBOX_URL is not set: run through `npm test -- e2e`.");
  let found: ReceivedEmail | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${inbox}/messages`)).json()) as ReceivedEmail[];
        found = messages.findLast((m) => m.to.includes(address.toLowerCase()));
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The path of the first link in a message that goes to `path` (e.g. "/invite/"). */
export function linkPathIn(message: ReceivedEmail, path: string): string {
  const link = message.text.match(new RegExp(`https?://\\S+${path.replace(/[/]/g, "\\/")}\\S*`))?.[0];
  if (!link) throw new Error(`No ${path} link in: ${message.text}`);
  const url = new URL(link);
  return url.pathname + url.search;
}
