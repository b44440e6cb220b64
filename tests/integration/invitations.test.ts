import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The app reads SMTP_URL once, when it first reads its settings: start the real SMTP server
// (smtp-server) and point the app at it before anything imports the app.
const inbox = await vi.hoisted(async () => {
  const { startSmtpInbox } = await import("../support/smtp-inbox");
  const started = await startSmtpInbox();
  process.env.SMTP_URL = started.url;
  process.env.MAIL_FROM = "Acme Workspaces <invites@acme.test>";
  return started;
});

import { seatCount } from "~/billing/checkout.server";
import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { get, organizationWithEveryRole, post, readable, roleIn } from "../support/org-factories";
import { linkIn } from "../support/smtp-inbox";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await inbox.close();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
const newAddress = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@colleagues.example`;

/** An organisation whose "Platform" team has its workspace, so whoever joins the team works there. */
async function setup() {
  const s = await organizationWithEveryRole(app.baseUrl);
  const team = await prisma.team.create({ data: { organizationId: s.org, name: "Platform" } });
  await prisma.workspaceTeamAccess.create({ data: { workspaceId: s.workspace.id, teamId: team.id, role: "MEMBER" } });
  const owner = await s.as(s.owner);
  const invite = (email: string, extra: Record<string, string | string[]> = {}) =>
    post(owner, `/orgs/${s.org}/members`, { intent: "invite", email, role: "MEMBER", teamIds: team.id, ...extra });
  return { ...s, team, ownerClient: owner, invite };
}

describe("inviting by e-mail", () => {
  it("sends a single-use link through SMTP, keeping only its hash", async () => {
    const { org, team, invite, owner } = await setup();
    const email = newAddress("grace");
    const sent = await invite(email.toUpperCase());
    expect(sent.status).toBe(200);
    expect(sent.text).toContain(`Invitation sent to ${email}`);

    const message = await inbox.waitForMessage(email);
    expect(message.user).toBe("mailer"); // nodemailer logged in with SMTP_URL's credentials
    expect(message.from).toBe('"Acme Workspaces" <invites@acme.test>');
    expect(message.subject).toBe("Olive Owner invited you to Test Org on APIMarketplace Pro");
    const link = linkIn(message, "/invite/");
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/invite/[A-Za-z0-9_-]{43}$`));
    expect(message.html).toContain(`href="${link}"`);
    const token = link.split("/invite/")[1]!;

    const invitation = await prisma.invitation.findFirstOrThrow({ where: { organizationId: org, email } });
    expect(invitation).toMatchObject({ role: "MEMBER", emailStatus: "SENT", tokenHash: sha256(token) });
    expect(Date.parse(invitation.expiresAt.toISOString()) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(await prisma.invitationTeam.findMany({ where: { invitationId: invitation.id } })).toEqual([
      { invitationId: invitation.id, teamId: team.id },
    ]);
    // The token is nowhere in the database: not on the invitation, not in the e-mail record, not in the log.
    const stored = JSON.stringify([
      await prisma.invitation.findMany({ where: { email } }),
      await prisma.emailMessage.findMany({ where: { to: email } }),
      await prisma.auditEvent.findMany({ where: { organizationId: org } }),
    ]);
    expect(stored).not.toContain(token);
    const [record] = await prisma.emailMessage.findMany({ where: { to: email } });
    expect(record).toMatchObject({ status: "SENT", purpose: "invitation", text: null, html: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org, action: "member.invited" },
    });
    expect(audit).toMatchObject({
      actorId: owner.id,
      targetLabel: email,
      after: { role: "Member", teams: ["Platform"] },
    });
  });

  it("lets someone new sign up from the link and join, with the role and the team's workspace", async () => {
    const { org, workspace, team, invite } = await setup();
    const email = newAddress("new");
    await invite(email);
    const link = linkIn(await inbox.waitForMessage(email), "/invite/");
    const path = new URL(link).pathname;

    const visitor = new CookieClient(app.baseUrl);
    const page = await visitor.request(path);
    expect(page.status).toBe(200);
    const html = readable(await page.text());
    expect(html).toContain("Join Test Org");
    expect(html).toContain("Create your account to join");

    const tooShort = await post(visitor, path, { intent: "signup", name: "Nia New", password: "short" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("Use at least 10 characters.");
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const joined = await post(visitor, path, { intent: "signup", name: "Nia New", password: "a-long-password" });
    expect(joined.status).toBe(302);
    expect(joined.response.headers.get("location")).toBe(`/w/${workspace.id}`);
    expect(visitor.hasCookie("__session")).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await roleIn(org, user.id)).toBe("MEMBER");
    expect(await prisma.teamMembership.count({ where: { teamId: team.id, userId: user.id } })).toBe(1);
    expect(
      await prisma.workspaceMembership.findUnique({
        where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
      }),
    ).toMatchObject({
      role: "MEMBER",
      source: "TEAM",
    });
    // No organisation of their own: they came to join this one.
    expect(await prisma.orgMembership.count({ where: { userId: user.id } })).toBe(1);
    expect((await visitor.request(`/w/${workspace.id}`)).status).toBe(200);

    // Single use: the same link now explains itself, and accepting again changes nothing.
    const reused = await new CookieClient(app.baseUrl).request(path);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("This invitation was already used");
    const again = await post(new CookieClient(app.baseUrl), path, {
      intent: "signup",
      name: "Eve",
      password: "a-long-password",
    });
    expect(again.status).toBe(409);
    expect(await prisma.auditEvent.count({ where: { organizationId: org, action: "member.joined" } })).toBe(1);
  });

  it("asks people with an account to log in as the invited address, and refuses anyone else", async () => {
    const { org, invite } = await setup();
    const invitee = await createUser("Ivy Invitee");
    const someoneElse = await createUser("Sam Else");
    await invite(invitee.email);
    const path = new URL(linkIn(await inbox.waitForMessage(invitee.email), "/invite/")).pathname;

    const anonymous = (await get(new CookieClient(app.baseUrl), path)).text;
    expect(anonymous).toContain(`Log in as ${invitee.email} to accept`);
    expect(anonymous).toContain(`redirectTo=${encodeURIComponent(path)}`);

    const wrong = new CookieClient(app.baseUrl);
    await wrong.logIn(someoneElse.email, TEST_PASSWORD);
    expect((await get(wrong, path)).text).toContain("but this invitation is for");
    const refused = await post(wrong, path, { intent: "accept" });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(`This invitation is for ${invitee.email}`);
    expect(await roleIn(org, someoneElse.id)).toBeNull();

    const right = new CookieClient(app.baseUrl);
    await right.logIn(invitee.email, TEST_PASSWORD);
    expect((await get(right, path)).text).toContain("Join Test Org");
    const accepted = await post(right, path, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(await roleIn(org, invitee.id)).toBe("MEMBER");
  });

  it("accepts once when two tabs accept at the same moment", async () => {
    const { org, invite } = await setup();
    const invitee = await createUser("Twin Tabs");
    await invite(invitee.email);
    const path = new URL(linkIn(await inbox.waitForMessage(invitee.email), "/invite/")).pathname;
    const client = new CookieClient(app.baseUrl);
    await client.logIn(invitee.email, TEST_PASSWORD);
    const results = await Promise.all([1, 2, 3].map(() => post(client, path, { intent: "accept" })));
    expect(results.map((r) => r.status).sort()).toEqual([302, 409, 409]);
    expect(await prisma.auditEvent.count({ where: { organizationId: org, action: "member.joined" } })).toBe(1);
  });

  it("explains unknown, expired and revoked links, and sending again makes a fresh link", async () => {
    const { org, invite, ownerClient } = await setup();
    const anonymous = new CookieClient(app.baseUrl);
    const unknown = await anonymous.request(`/invite/${"A".repeat(43)}`);
    const malformed = await anonymous.request(`/invite/%00'; DROP TABLE "Invitation"; --`);
    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(await unknown.text()).toContain("This invitation link is not valid");

    const email = newAddress("late");
    await invite(email);
    const firstPath = new URL(linkIn(await inbox.waitForMessage(email), "/invite/")).pathname;
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { organizationId: org, email } });
    await prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await anonymous.request(firstPath);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This invitation has expired");
    const expiredAccept = await post(anonymous, firstPath, {
      intent: "signup",
      name: "Late",
      password: "a-long-password",
    });
    expect(expiredAccept.status).toBe(409);
    expect((await ownerClient.request(`/orgs/${org}/members`)).status).toBe(200);
    expect((await get(ownerClient, `/orgs/${org}/members`)).text).toContain("Expired: send it again");

    const before = inbox.messages.length;
    const resent = await post(ownerClient, `/orgs/${org}/members`, { intent: "resend", invitationId: invitation.id });
    expect(resent.status).toBe(200);
    expect(resent.text).toContain("Sent again");
    const secondPath = new URL(linkIn(await inbox.waitForMessage(email, 15_000, before), "/invite/")).pathname;
    expect(secondPath).not.toBe(firstPath);
    expect((await anonymous.request(firstPath)).status).toBe(404); // the old link is gone
    expect((await anonymous.request(secondPath)).status).toBe(200);
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ sendCount: 2 });

    const revoked = await post(ownerClient, `/orgs/${org}/members`, { intent: "revoke", invitationId: invitation.id });
    expect(revoked.status).toBe(200);
    const gone = await anonymous.request(secondPath);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("This invitation was withdrawn");
    const revokedAgain = await post(ownerClient, `/orgs/${org}/members`, {
      intent: "revoke",
      invitationId: invitation.id,
    });
    expect(revokedAgain.status).toBe(404);
    expect(
      (await prisma.auditEvent.findMany({ where: { organizationId: org }, orderBy: { createdAt: "asc" } })).map(
        (e) => e.action,
      ),
    ).toEqual(["member.invited", "member.invitation_resent", "member.invitation_revoked"]);
  });

  it("records a failed sending, says so, and sends again once the mail server is back", async () => {
    const { org, invite, ownerClient } = await setup();
    const email = newAddress("offline");
    await inbox.stop();
    try {
      const sent = await invite(email);
      expect(sent.status).toBe(200);
      expect(sent.text).toContain("the e-mail could not be sent: the mail server could not be reached");
    } finally {
      await inbox.restart();
    }
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { organizationId: org, email } });
    expect(invitation.emailStatus).toBe("FAILED");
    expect(await prisma.emailMessage.findFirstOrThrow({ where: { to: email } })).toMatchObject({ status: "FAILED" });
    expect((await get(ownerClient, `/orgs/${org}/members`)).text).toContain(
      "Not sent: the mail server could not be reached",
    );
    const resent = await post(ownerClient, `/orgs/${org}/members`, { intent: "resend", invitationId: invitation.id });
    expect(resent.status).toBe(200);
    await inbox.waitForMessage(email);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).emailStatus).toBe("SENT");
  });
});

describe("seats and who may invite", () => {
  it("refuses an invitation past the plan's seats, exactly, under concurrency", async () => {
    const { org, invite } = await setup();
    // Free: 5 seats; four members, so one seat is left for ten simultaneous invitations.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => invite(newAddress(`seat${i}`))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.text).toContain(
      "Every seat is taken: the Free plan has 5 seats, used by 4 members and 1 pending invitation.",
    );
    expect(await prisma.invitation.count({ where: { organizationId: org } })).toBe(1);

    // A larger plan (Stripe's webhooks set the tier) has more seats; then the next one fits,
    // and billing counts the same seats (members and pending invitations) to pay for.
    await prisma.organization.update({ where: { id: org }, data: { tier: "PRO" } });
    expect((await invite(newAddress("paid"))).status).toBe(200);
    const page = (await get(await setupClient(org), `/orgs/${org}/members`)).text;
    expect(page).toContain("6 of 25 seats used (4 members, 2 pending)");
    expect(await seatCount(org)).toBe(6);
  });

  async function setupClient(org: string) {
    const owner = await prisma.user.findFirstOrThrow({
      where: { orgMemberships: { some: { organizationId: org, role: "OWNER" } } },
    });
    const client = new CookieClient(app.baseUrl);
    await client.logIn(owner.email, TEST_PASSWORD);
    return client;
  }

  it("lets owners and admins invite (admins not owners), and refuses bad input with a reason", async () => {
    const { org, admin, member, viewer, outsider, as, invite } = await setup();
    const adminClient = await as(admin);
    const asAdmin = (form: Record<string, string>) => post(adminClient, `/orgs/${org}/members`, form);
    const ownerByAdmin = await asAdmin({ intent: "invite", email: newAddress("boss"), role: "OWNER" });
    expect(ownerByAdmin.status).toBe(403);
    expect(ownerByAdmin.text).toContain("Only owners can invite an owner.");
    for (const person of [member, viewer]) {
      const refused = await post(await as(person), `/orgs/${org}/members`, {
        intent: "invite",
        email: newAddress("x"),
        role: "MEMBER",
      });
      expect(refused.status).toBe(403);
    }
    expect(
      (
        await post(await as(outsider), `/orgs/${org}/members`, {
          intent: "invite",
          email: "a@b.example",
          role: "MEMBER",
        })
      ).status,
    ).toBe(404);

    for (const [form, message] of [
      [{ intent: "invite", email: "not-an-address", role: "MEMBER" }, "Enter a valid email address"],
      [{ intent: "invite", email: "nul\u0000@example.com", role: "MEMBER" }, "contains a NUL character"],
      [
        { intent: "invite", email: `${"x".repeat(300)}@example.com`, role: "MEMBER" },
        "That email address is too long.",
      ],
      [{ intent: "invite", email: newAddress("r"), role: "EMPEROR" }, "Choose a role"],
      [
        { intent: "invite", email: newAddress("t"), role: "MEMBER", teamIds: "not-a-team" },
        "Choose teams from the list.",
      ],
      [
        { intent: "invite", email: newAddress("u"), role: "MEMBER", teamIds: crypto.randomUUID() },
        "Choose teams of this organisation.",
      ],
      [{ intent: "invite", email: admin.email, role: "MEMBER" }, "is already a member"],
      [{ intent: "teleport" }, "Choose what to do"],
    ] as const) {
      const response = await asAdmin(form as Record<string, string>);
      expect(response.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(form)).toBeLessThan(500);
      expect(response.text, JSON.stringify(form)).toContain(message);
    }
    const email = newAddress("twice");
    expect((await invite(email)).status).toBe(200);
    const twice = await invite(email);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain("already has a pending invitation");
    expect(await prisma.invitation.count({ where: { organizationId: org } })).toBe(1);
  });

  it("does not show the development outbox on a server that sends e-mail", async () => {
    expect((await new CookieClient(app.baseUrl).request("/dev/outbox")).status).toBe(404);
  });
});
