import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { startFakeGithub } from "../support/fake-github";

const clientId = "Iv1.testclientid";
const clientSecret = "test-client-secret";
let github: Awaited<ReturnType<typeof startFakeGithub>>;
let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  github = await startFakeGithub({
    clientId,
    clientSecret,
    user: {
      id: 583231,
      login: "octocat",
      name: "The Octocat",
      emails: [
        { email: "octocat@github.example", primary: true, verified: true },
        { email: "old@github.example", primary: false, verified: false },
      ],
    },
  });
  app = await startTestApp({
    GITHUB_CLIENT_ID: clientId,
    GITHUB_CLIENT_SECRET: clientSecret,
    GITHUB_API_URL: github.baseUrl,
  });
});
afterAll(async () => {
  await app.close();
  await github.close();
});

async function startLogin(client: CookieClient) {
  const start = await client.request("/auth/github?redirectTo=/workspaces");
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.origin + authorize.pathname).toBe(`${github.baseUrl}/login/oauth/authorize`);
  expect(authorize.searchParams.get("client_id")).toBe(clientId);
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${app.baseUrl}/auth/github/callback`);
  return authorize.searchParams.get("state")!;
}

describe("log in with GitHub (real octokit, GitHub's wire format)", () => {
  it("creates the account on first log-in and signs in", async () => {
    const client = new CookieClient(app.baseUrl);
    const state = await startLogin(client);
    const callback = await client.request(`/auth/github/callback?code=${github.issueCode()}&state=${state}`);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/workspaces");
    const user = await prisma.user.findUniqueOrThrow({
      where: { githubId: "583231" },
      include: { workspaceMemberships: true },
    });
    expect(user).toMatchObject({ email: "octocat@github.example", name: "The Octocat", passwordHash: null });
    expect(user.workspaceMemberships).toHaveLength(1);
    const home = await client.request("/workspaces");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("The Octocat");
  });

  it("refuses a callback whose state does not match (login CSRF)", async () => {
    const client = new CookieClient(app.baseUrl);
    await startLogin(client);
    const response = await client.request(`/auth/github/callback?code=${github.issueCode()}&state=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("expired");
  });

  it("explains a code GitHub rejects", async () => {
    const client = new CookieClient(app.baseUrl);
    const state = await startLogin(client);
    const response = await client.request(`/auth/github/callback?code=not-issued&state=${state}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("GitHub did not confirm the log-in");
  });
});
