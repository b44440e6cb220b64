import { randomBytes } from "node:crypto";
import { githubLoginEnabled, oauthApp, oauthStateCookie } from "~/auth/github.server";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { maskSecret } from "~/keys/mask";
import { decryptSecret, encryptSecret } from "~/keys/secret-box.server";
import { parseAllowRules } from "~/requests/address-policy.server";
import { addressRefusal } from "~/requests/guarded-connection.server";
import { policyFetch } from "~/requests/policy-fetch.server";
import type { Resolver } from "~/requests/guarded-connection.server";
import { authenticatedLogin, githubClient, GithubError, listRepositories } from "~/scanner/sources/github";

/**
 * A workspace's GitHub connection for scans: made through the OAuth app with the `repo`
 * scope (a "connect" flow apart from log-in, which only asks to read the profile), or with a
 * personal access token. The token is encrypted at rest and never leaves the server: pages
 * see the account name, the scopes and a masked token.
 */
export const CONNECT_SCOPES = ["repo", "read:user"];

export function githubOAuthConnectEnabled() {
  return githubLoginEnabled();
}

export type ConnectionView = {
  login: string;
  method: string;
  baseUrl: string;
  scopes: string[];
  masked: string;
  enterprise: boolean;
};

export async function connectionView(workspaceId: string): Promise<ConnectionView | null> {
  const c = await prisma.githubConnection.findUnique({ where: { workspaceId } });
  if (!c) return null;
  const enterprise = c.baseUrl.replace(/\/+$/, "") !== "https://api.github.com";
  return {
    login: c.login,
    method: c.method,
    baseUrl: c.baseUrl,
    scopes: c.scopes,
    masked: maskSecret(c.tokenLast4),
    enterprise,
  };
}

/**
 * GitHub Enterprise is reached by the base URL people give, with the workspace's token
 * attached, so it goes through the same address policy as Send (issue 19, finding 4): an
 * address other than the configured GITHUB_API_URL must be https, and its host must resolve
 * only to public addresses (or be allowed by REQUEST_ALLOWED_HOSTS). The check here gives a
 * clear message up front; every later connection is checked again (githubFetch), so a name
 * that changes its answer afterwards (DNS rebinding) is still refused.
 */
export async function checkBaseUrl(
  raw: string | undefined,
  { resolve }: { resolve?: Resolver } = {},
): Promise<{ ok: true; baseUrl: string } | { ok: false; message: string }> {
  const configured = env().GITHUB_API_URL.replace(/\/+$/, "");
  const value = (raw ?? "").trim().replace(/\/+$/, "");
  if (!value || value === configured) return { ok: true, baseUrl: configured };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: "Enter the API address as a URL, like https://github.example.com/api/v3." };
  }
  if (url.protocol !== "https:")
    return { ok: false, message: "The GitHub Enterprise address must start with https://." };
  if (url.search || url.hash || url.username || url.password)
    return { ok: false, message: "Enter the API address alone, like https://github.example.com/api/v3." };
  const refusal = await addressRefusal(url, { allow: githubAllowRules(), resolve });
  if (refusal) return { ok: false, message: `That address is not a public GitHub Enterprise server: ${refusal}` };
  return { ok: true, baseUrl: url.href.replace(/\/+$/, "") };
}

/** Internal hosts the operator opened for requests, and the configured GitHub API itself. */
function githubAllowRules() {
  const configured = new URL(env().GITHUB_API_URL);
  return parseAllowRules([...env().REQUEST_ALLOWED_HOSTS, configured.host]);
}

/** The fetch every workspace GitHub client uses: each connection checked by the address policy. */
export function githubFetch(options: { resolve?: Resolver } = {}) {
  return policyFetch({ allow: githubAllowRules(), resolve: options.resolve });
}

async function save(input: {
  workspaceId: string;
  userId: string;
  method: "oauth" | "token";
  token: string;
  baseUrl: string;
}) {
  const octokit = githubClient({
    token: input.token,
    baseUrl: input.baseUrl,
    maxWaitSeconds: 5,
    fetch: githubFetch(),
  });
  const { login, scopes } = await authenticatedLogin(octokit);
  const data = {
    method: input.method,
    login,
    baseUrl: input.baseUrl,
    scopes,
    tokenCiphertext: encryptSecret(input.token),
    tokenLast4: input.token.slice(-4),
    createdById: input.userId,
  };
  await prisma.githubConnection.upsert({
    where: { workspaceId: input.workspaceId },
    create: { workspaceId: input.workspaceId, ...data },
    update: data,
  });
  return { login, scopes };
}

export async function connectWithToken(input: { workspaceId: string; userId: string; token: string; baseUrl: string }) {
  return save({ ...input, method: "token" });
}

export async function disconnectGithub(workspaceId: string) {
  await prisma.githubConnection.deleteMany({ where: { workspaceId } });
}

/** Holds the connect flow's state and the workspace it is for. */
const connectCookie = () => oauthStateCookie("__github_connect");

export async function startGithubConnect(request: Request, workspaceId: string) {
  const state = randomBytes(24).toString("base64url");
  const callback = new URL("/auth/github/callback/connect", env().APP_URL ?? request.url).href;
  const { url } = oauthApp().getWebFlowAuthorizationUrl({ state, redirectUrl: callback, scopes: CONNECT_SCOPES });
  return { url, setCookie: await connectCookie().serialize({ state, workspaceId }) };
}

export type ConnectStart =
  { ok: true; workspaceId: string; code: string } | { ok: false; message: string; workspaceId?: string };

/** Checks the callback against the cookie; the route then checks the person may manage the workspace. */
export async function readConnectCallback(request: Request): Promise<ConnectStart> {
  const url = new URL(request.url);
  const saved = (await connectCookie().parse(request.headers.get("cookie"))) as {
    state?: string;
    workspaceId?: string;
  } | null;
  if (url.searchParams.get("error"))
    return { ok: false, message: "Connecting GitHub was cancelled.", workspaceId: saved?.workspaceId };
  const code = url.searchParams.get("code");
  if (!code || !saved?.state || !saved.workspaceId || saved.state !== url.searchParams.get("state")) {
    return { ok: false, message: "That GitHub link has expired. Start connecting again." };
  }
  return { ok: true, workspaceId: saved.workspaceId, code };
}

export async function finishGithubConnect(input: { workspaceId: string; userId: string; code: string }) {
  let token: string;
  try {
    token = (await oauthApp().createToken({ code: input.code })).authentication.token;
  } catch {
    throw new GithubError("bad-credentials", "GitHub did not confirm the connection. Try again in a moment.");
  }
  return save({
    workspaceId: input.workspaceId,
    userId: input.userId,
    method: "oauth",
    token,
    baseUrl: env().GITHUB_API_URL.replace(/\/+$/, ""),
  });
}

export async function clearConnectCookie() {
  return connectCookie().serialize("", { maxAge: 0 });
}

/** The connection's token, for a scan. Only server code calls this, and nothing it returns reaches a page. */
export async function githubCredentials(workspaceId: string) {
  const c = await prisma.githubConnection.findUnique({ where: { workspaceId } });
  return c
    ? { token: decryptSecret(c.tokenCiphertext), baseUrl: c.baseUrl, login: c.login, fetch: githubFetch() }
    : null;
}

export async function repositoriesFor(workspaceId: string) {
  const credentials = await githubCredentials(workspaceId);
  if (!credentials) return null;
  return listRepositories(
    githubClient({
      token: credentials.token,
      baseUrl: credentials.baseUrl,
      maxWaitSeconds: 10,
      fetch: credentials.fetch,
    }),
    500,
  );
}
