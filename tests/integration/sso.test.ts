import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { auditTrail } from "../support/audit";
import { startTestApp } from "../support/app-server";
import { pageText } from "../support/billing";
import { CookieClient } from "../support/browserless-client";
import { startDnsServer } from "../support/dns-server";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { startFakeGithub } from "../support/fake-github";
import { startOidcProvider } from "../support/oidc-idp";

/**
 * Single sign-on against a real OpenID provider (oidc-provider, in this process) and domain
 * verification against a real name server (dns2 on a UDP port), with the app's own
 * openid-client and node:dns pointed at them.
 */
const CLIENT_ID = "workspaces-app";
const CLIENT_SECRET = "s3cret-client-value-0123456789";
let app: Awaited<ReturnType<typeof startTestApp>>;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
let github: Awaited<ReturnType<typeof startFakeGithub>>;
/** Who GitHub says signs in; the fake reads it on every request, so tests change it in place. */
const githubUser = {
  id: 99,
  login: "sso-person",
  name: "SSO Person",
  emails: [] as { email: string; primary: boolean; verified: boolean }[],
};

beforeAll(async () => {
  dns = await startDnsServer();
  github = await startFakeGithub({
    clientId: "gh-client",
    clientSecret: "gh-secret",
    user: githubUser,
  });
  // The IdP must know the app's callback before the app's port is known: start the app first.
  app = await startTestApp({
    SSO_ALLOWED_HOSTS: "127.0.0.1",
    SSO_DNS_SERVERS: dns.address,
    GITHUB_CLIENT_ID: "gh-client",
    GITHUB_CLIENT_SECRET: "gh-secret",
    GITHUB_API_URL: github.baseUrl,
  });
  idp = await startOidcProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${app.baseUrl}/auth/sso/callback`],
    accounts: {},
  });
});
afterAll(async () => {
  await app.close();
  await idp.close();
  await dns.close();
  await github.close();
});

const settings = (organizationId: string) => `/orgs/${organizationId}/sso`;

/** An organisation whose owner is signed in, with a fresh e-mail domain of its own. */
async function organization() {
  const owner = await createUser("Owner");
  const workspace = await createWorkspaceWith([{ userId: owner.id, role: "OWNER" }]);
  const client = new CookieClient(app.baseUrl);
  await client.logIn(owner.email, TEST_PASSWORD);
  const domain = `acme-${randomUUID().slice(0, 8)}.test`;
  const post = (form: Record<string, string>) =>
    client.request(settings(workspace.organizationId), { method: "POST", form });
  return { owner, workspace, organizationId: workspace.organizationId, client, domain, post };
}

/** Connects the identity provider and verifies the domain through the settings page. */
async function ssoOrganization() {
  const org = await organization();
  const saved = await org.post({
    intent: "save-connection",
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    defaultRole: "MEMBER",
  });
  expect(saved.status).toBe(200);
  await org.post({ intent: "add-domain", domain: org.domain });
  const claim = await prisma.ssoDomain.findFirstOrThrow({ where: { organizationId: org.organizationId } });
  dns.setTxt(
    `_apimarketplace-challenge.${org.domain}`,
    `apimarketplace-domain-verification=${claim.verificationToken}`,
  );
  const verified = await org.post({ intent: "verify-domain", domainId: claim.id });
  expect(verified.status).toBe(200);
  return { ...org, domainId: claim.id };
}

/** Signs in through the log-in page's SSO form and the provider's sign-in page, following every redirect. */
async function ssoSignIn(client: CookieClient, email: string, providerLogin = email) {
  const start = await client.request("/login?redirectTo=/workspaces", {
    method: "POST",
    form: { intent: "sso", email },
  });
  if (start.status !== 302) return start;
  let response = await client.request(start.headers.get("location")!);
  for (let hop = 0; hop < 10 && [302, 303].includes(response.status); hop++) {
    const next = new URL(response.headers.get("location")!, response.url);
    if (next.pathname.startsWith("/interaction/") && next.origin === idp.issuer) {
      await client.request(next.href);
      response = await client.request(next.href, { method: "POST", form: { login: providerLogin } });
      continue;
    }
    response = await client.request(next.href);
    if (next.origin === app.baseUrl) return response;
  }
  return response;
}

describe("setting up the identity provider", () => {
  it("saves it only once its discovery document is read, and keeps the client secret encrypted and hidden", async () => {
    const org = await ssoOrganization();
    const stored = await prisma.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(stored.clientSecretEncrypted).not.toContain(CLIENT_SECRET);
    expect(stored.clientSecretEncrypted.startsWith("v1.")).toBe(true);
    expect(stored.clientSecretHint).toBe("6789");
    const page = await pageText(await org.client.request(settings(org.organizationId)));
    expect(page).not.toContain(CLIENT_SECRET);
    expect(page).toContain("••••••••6789");
    expect(page).toContain(`${app.baseUrl}/auth/sso/callback`);

    // Editing without a new secret keeps the stored one.
    const kept = await org.post({
      intent: "save-connection",
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      defaultRole: "VIEWER",
    });
    expect(kept.status).toBe(200);
    const after = await prisma.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(after).toMatchObject({ clientSecretEncrypted: stored.clientSecretEncrypted, defaultRole: "VIEWER" });

    // Every step is in the audit log, by the owner, and the secret is nowhere in it.
    const trail = await auditTrail(org.organizationId);
    expect(trail).toMatchObject([
      {
        action: "sso.connection_saved",
        actorId: org.owner.id,
        after: { defaultRole: "MEMBER", clientCredentialEnding: "6789" },
      },
      { action: "sso.domain_added", actorId: org.owner.id, targetLabel: org.domain },
      { action: "sso.domain_verified", actorId: org.owner.id, targetLabel: org.domain, after: { verified: true } },
      {
        action: "sso.connection_saved",
        before: { defaultRole: "MEMBER" },
        after: { defaultRole: "VIEWER", clientCredentialEnding: "6789" },
      },
    ]);
    expect(JSON.stringify(trail)).not.toContain(CLIENT_SECRET);
  });

  it("refuses issuers it must not or cannot reach, with the reason", async () => {
    const org = await organization();
    const attempt = async (issuer: string) => {
      const response = await org.post({
        intent: "save-connection",
        issuer,
        clientId: "x",
        clientSecret: "y",
        defaultRole: "MEMBER",
      });
      expect(response.status).toBe(400);
      return pageText(response);
    };
    expect(await attempt("http://169.254.169.254/latest")).toContain("The issuer must be an https URL.");
    expect(await attempt("https://127.0.0.2:8443")).toContain("is a loopback address");
    expect(await attempt("https://10.1.2.3")).toContain("private-network");
    expect(await attempt("http://127.0.0.1:1")).toContain("refused the connection");
    expect(await attempt("not a url")).toContain("Enter the issuer as a URL");
    expect(await attempt(`${app.baseUrl}/healthz`)).toContain("could not read");
    expect(await prisma.ssoConnection.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });

  it("answers outsiders 404 and members 403, and refuses bad input with a message", async () => {
    const org = await organization();
    const member = await createUser("Member");
    await prisma.orgMembership.create({
      data: { organizationId: org.organizationId, userId: member.id, role: "MEMBER" },
    });
    const memberClient = new CookieClient(app.baseUrl);
    await memberClient.logIn(member.email, TEST_PASSWORD);
    expect((await memberClient.request(settings(org.organizationId))).status).toBe(403);
    const outsider = new CookieClient(app.baseUrl);
    await outsider.logIn((await createUser("Outsider")).email, TEST_PASSWORD);
    expect((await outsider.request(settings(org.organizationId))).status).toBe(404);
    expect(
      (
        await outsider.request(settings(org.organizationId), {
          method: "POST",
          form: { intent: "add-domain", domain: "x.com" },
        })
      ).status,
    ).toBe(404);

    const bad: [Record<string, string>, string][] = [
      [{ intent: "add-domain", domain: "not a domain" }, "Enter just the domain"],
      [{ intent: "add-domain", domain: "localhost" }, "Enter a domain like acme.com"],
      [{ intent: "add-domain", domain: `a\u0000b.com` }, "contains a NUL character"],
      [{ intent: "add-domain", domain: "x".repeat(300) + ".com" }, "too long"],
      [{ intent: "verify-domain", domainId: "nope" }, "Choose a domain."],
      [{ intent: "require-sso", domainId: randomUUID(), on: "maybe" }, "Choose on or off."],
      [
        {
          intent: "save-connection",
          issuer: "https://x.example",
          clientId: "",
          clientSecret: "s",
          defaultRole: "MEMBER",
        },
        "Enter the client ID.",
      ],
      [
        {
          intent: "save-connection",
          issuer: "https://x.example",
          clientId: "c",
          clientSecret: "s",
          defaultRole: "OWNER",
        },
        "Choose the role newcomers get.",
      ],
      [{ intent: "self-destruct" }, "Choose what to do from the page."],
    ];
    for (const [form, message] of bad) {
      const response = await org.post(form);
      expect(response.status, JSON.stringify(form).slice(0, 60)).toBe(400);
      expect(await pageText(response)).toContain(message);
    }
  });
});

describe("domain verification by DNS TXT record", () => {
  it("verifies only when the exact record is published, and says what it found", async () => {
    const org = await organization();
    const added = await org.post({ intent: "add-domain", domain: `@${org.domain.toUpperCase()}.` });
    expect(added.status).toBe(200);
    const claim = await prisma.ssoDomain.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    expect(claim.domain).toBe(org.domain);
    expect(Buffer.from(claim.verificationToken, "base64url")).toHaveLength(16);
    const check = () => org.post({ intent: "verify-domain", domainId: claim.id });

    const none = await check();
    expect(none.status).toBe(409);
    expect(await pageText(none)).toContain(
      `No apimarketplace-domain-verification=… TXT record at _apimarketplace-challenge.${org.domain} yet`,
    );
    dns.setTxt(`_apimarketplace-challenge.${org.domain}`, "apimarketplace-domain-verification=someone-elses-token");
    expect(await pageText(await check())).toContain("holds another value");
    expect((await prisma.ssoDomain.findUniqueOrThrow({ where: { id: claim.id } })).verifiedAt).toBeNull();

    dns.setTxt(
      `_apimarketplace-challenge.${org.domain}`,
      "v=spf1 -all",
      `apimarketplace-domain-verification=${claim.verificationToken}`,
    );
    const ok = await check();
    expect(ok.status).toBe(200);
    expect(await prisma.ssoDomain.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      verifiedDomain: org.domain,
      lastCheckError: null,
    });
    expect(dns.questions).toContain(`_apimarketplace-challenge.${org.domain}`);

    // Another organisation can claim the name, but never verify it while this one holds it.
    const rival = await organization();
    await rival.post({ intent: "add-domain", domain: org.domain });
    const rivalClaim = await prisma.ssoDomain.findFirstOrThrow({ where: { organizationId: rival.organizationId } });
    dns.setTxt(
      `_apimarketplace-challenge.${org.domain}`,
      `apimarketplace-domain-verification=${rivalClaim.verificationToken}`,
    );
    const refused = await rival.post({ intent: "verify-domain", domainId: rivalClaim.id });
    expect(await pageText(refused)).toContain("Another organisation has verified");
  });
});

describe("signing in through the organisation's identity provider", () => {
  it("lets a newcomer join just in time with the default role, and signs the same person in again", async () => {
    const org = await ssoOrganization();
    const email = `new.person@${org.domain}`;
    idp.accounts[`sub-${org.domain}-1`] = { email, email_verified: true, name: "New Person" };
    const client = new CookieClient(app.baseUrl);
    const done = await ssoSignIn(client, email);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/workspaces");
    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      include: { orgMemberships: true, workspaceMemberships: true, ssoIdentities: true },
    });
    expect(user).toMatchObject({ name: "New Person", passwordHash: null });
    expect(user.orgMemberships).toMatchObject([{ organizationId: org.organizationId, role: "MEMBER" }]);
    expect(user.workspaceMemberships).toMatchObject([{ workspaceId: org.workspace.id, role: "MEMBER" }]);
    expect(user.ssoIdentities).toMatchObject([{ subject: `sub-${org.domain}-1` }]);
    expect((await client.request(`/w/${org.workspace.id}`)).status).toBe(200);

    const again = new CookieClient(app.baseUrl);
    expect((await ssoSignIn(again, email)).status).toBe(302);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await prisma.orgMembership.count({ where: { userId: user.id } })).toBe(1);
    // Joining is recorded once, as the newcomer's own act; signing in again is not an administrative act.
    const joins = (await auditTrail(org.organizationId)).filter((e) => e.action === "member.joined_through_sso");
    expect(joins).toMatchObject([{ actorId: user.id, targetLabel: email, after: { role: "MEMBER" } }]);
  });

  it("links an existing account with the same address instead of making a second one", async () => {
    const org = await ssoOrganization();
    const existing = await prisma.user.create({ data: { email: `ada@${org.domain}`, name: "Ada" } });
    idp.accounts[`sub-${org.domain}-ada`] = { email: existing.email, email_verified: true, name: "Ada L." };
    expect((await ssoSignIn(new CookieClient(app.baseUrl), existing.email)).status).toBe(302);
    const identity = await prisma.ssoIdentity.findFirstOrThrow({ where: { subject: `sub-${org.domain}-ada` } });
    expect(identity.userId).toBe(existing.id);
  });

  it("refuses addresses outside the verified domains, unverified addresses, and unknown domains", async () => {
    const org = await ssoOrganization();
    // The provider vouches for an address of a domain this organisation never proved.
    idp.accounts[`sub-${org.domain}-x`] = { email: "ceo@bigbank.example", email_verified: true };
    const outside = await ssoSignIn(new CookieClient(app.baseUrl), `someone@${org.domain}`, "ceo@bigbank.example");
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain("bigbank.example is not a verified domain of this organisation");
    expect(await prisma.user.count({ where: { email: "ceo@bigbank.example" } })).toBe(0);

    idp.accounts[`sub-${org.domain}-u`] = { email: `unverified@${org.domain}`, email_verified: false };
    const unverified = await ssoSignIn(new CookieClient(app.baseUrl), `unverified@${org.domain}`);
    expect(await unverified.text()).toContain("not verified yet");

    const unknown = await ssoSignIn(new CookieClient(app.baseUrl), "someone@no-sso.example");
    expect(unknown.status).toBe(400);
    expect(await pageText(unknown)).toContain("No organisation has set up single sign-on for no-sso.example");
  });

  it("refuses a callback without its flow cookie, with a forged state, or after the provider said no", async () => {
    const org = await ssoOrganization();
    const email = `eve@${org.domain}`;
    idp.accounts[`sub-${org.domain}-eve`] = { email, email_verified: true };
    const noCookie = await new CookieClient(app.baseUrl).request("/auth/sso/callback?code=abc&state=xyz");
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain("That sign-in link has expired");

    const client = new CookieClient(app.baseUrl);
    await client.request("/login", { method: "POST", form: { intent: "sso", email } });
    const forged = await client.request(
      `/auth/sso/callback?code=stolen&state=forged&iss=${encodeURIComponent(idp.issuer)}`,
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("answer was refused");

    const denied = await client.request("/auth/sso/callback?error=access_denied&error_description=Unknown%20user");
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain("did not sign you in: Unknown user");
  });
});

describe("requiring single sign-on for a verified domain", () => {
  it("needs a working provider first, then refuses passwords, sign-ups and GitHub for those addresses", async () => {
    const org = await ssoOrganization();
    const early = await org.post({ intent: "require-sso", domainId: org.domainId, on: "true" });
    expect(early.status).toBe(409);
    expect(await pageText(early)).toContain("Nobody has signed in through the identity provider yet");

    const email = `grace@${org.domain}`;
    idp.accounts[`sub-${org.domain}-grace`] = { email, email_verified: true };
    await ssoSignIn(new CookieClient(app.baseUrl), email);
    const on = await org.post({ intent: "require-sso", domainId: org.domainId, on: "true" });
    expect(on.status).toBe(200);

    // A password account on that domain, made before SSO was required.
    const withPassword = await createUser("Password person");
    await prisma.user.update({ where: { id: withPassword.id }, data: { email: `pat@${org.domain}` } });
    const login = await new CookieClient(app.baseUrl).request("/login", {
      method: "POST",
      form: { email: `pat@${org.domain}`, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(400);
    expect(await pageText(login)).toContain(`Test Org requires single sign-on for ${org.domain} addresses`);

    const signup = await new CookieClient(app.baseUrl).request("/signup", {
      method: "POST",
      form: { name: "Newbie", email: `newbie@${org.domain}`, password: "a-long-password-1" },
    });
    expect(signup.status).toBe(400);
    expect(await pageText(signup)).toContain("requires single sign-on");

    // GitHub vouches for an address of the domain: refused too, and no account is made.
    Object.assign(githubUser, {
      id: 4242,
      login: "grace-gh",
      name: "Grace",
      emails: [{ email: `grace.gh@${org.domain}`, primary: true, verified: true }],
    });
    const gh = new CookieClient(app.baseUrl);
    const started = await gh.request("/auth/github?redirectTo=/workspaces");
    const state = new URL(started.headers.get("location")!).searchParams.get("state")!;
    const callback = await gh.request(`/auth/github/callback?code=${github.issueCode()}&state=${state}`);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain("requires single sign-on");
    expect(await prisma.user.count({ where: { email: `grace.gh@${org.domain}` } })).toBe(0);

    // Other addresses are unaffected, and turning it off lets passwords back in.
    const other = await createUser("Elsewhere");
    await new CookieClient(app.baseUrl).logIn(other.email, TEST_PASSWORD);
    await org.post({ intent: "require-sso", domainId: org.domainId, on: "false" });
    await new CookieClient(app.baseUrl).logIn(`pat@${org.domain}`, TEST_PASSWORD);
  });

  it("drops the requirement when the provider is removed, so nobody is locked out", async () => {
    const org = await ssoOrganization();
    await prisma.ssoConnection.update({
      where: { organizationId: org.organizationId },
      data: { lastSuccessAt: new Date() },
    });
    await org.post({ intent: "require-sso", domainId: org.domainId, on: "true" });
    expect((await prisma.ssoDomain.findUniqueOrThrow({ where: { id: org.domainId } })).requireSso).toBe(true);
    const removed = await org.post({ intent: "remove-connection" });
    expect(removed.status).toBe(200);
    expect((await prisma.ssoDomain.findUniqueOrThrow({ where: { id: org.domainId } })).requireSso).toBe(false);
    expect((await auditTrail(org.organizationId)).slice(-2)).toMatchObject([
      { action: "sso.require_sso_changed", before: { requireSso: false }, after: { requireSso: true } },
      { action: "sso.connection_removed", before: { issuer: idp.issuer, clientId: CLIENT_ID } },
    ]);
  });
});
