import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A laptop run: no mail server, and the outbox page on (npm start sets it with embedded PostgreSQL).
vi.hoisted(() => {
  delete process.env.SMTP_URL;
  process.env.SHOW_OUTBOX = "true";
});

import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { get, organizationWithEveryRole, post } from "../support/org-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe("without SMTP_URL", () => {
  it("keeps the message in the outbox, logs it without its link, and shows it in the app", async () => {
    const { org, owner, as } = await organizationWithEveryRole(app.baseUrl);
    const client = await as(owner);
    const page = await get(client, `/orgs/${org}/members`);
    expect(page.text).toContain("E-mail is not set up on this server (SMTP_URL)");
    expect(page.text).toContain('href="/dev/outbox"');

    const log = vi.spyOn(console, "log");
    const email = `outbox.${crypto.randomUUID().slice(0, 8)}@colleagues.example`;
    const invited = await post(client, `/orgs/${org}/members`, { intent: "invite", email, role: "VIEWER" });
    expect(invited.status).toBe(200);
    expect(invited.text).toContain("e-mail is not set up (SMTP_URL), so the message is in the outbox");

    const kept = await prisma.emailMessage.findFirstOrThrow({ where: { to: email } });
    expect(kept).toMatchObject({ status: "OUTBOX", purpose: "invitation", organizationId: org });
    const link = kept.text!.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeTruthy();
    expect(kept.html).toContain(`href="${link}"`);
    const logged = log.mock.calls.map((c) => c.join(" ")).filter((line) => line.includes(email));
    expect(logged).toEqual([expect.stringContaining("kept in the outbox (SMTP_URL is not set")]);
    expect(logged.join()).not.toContain("/invite/");
    log.mockRestore();
    expect((await prisma.invitation.findFirstOrThrow({ where: { email } })).emailStatus).toBe("OUTBOX");

    // Anyone at the laptop reads it at /dev/outbox and follows the link.
    const outbox = await get(new CookieClient(app.baseUrl), "/dev/outbox");
    expect(outbox.status).toBe(200);
    expect(outbox.text).toContain(email);
    expect(outbox.text).toContain(`href="${link}"`);
    expect((await get(new CookieClient(app.baseUrl), new URL(link!).pathname)).text).toContain("Join Test Org");
  });
});
