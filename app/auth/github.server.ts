import { randomBytes } from "node:crypto";
import { OAuthApp, Octokit } from "octokit";
import { prisma } from "~/db/client.server";
import { env } from "~/config/env.server";
import { flowCookie } from "~/http/flow-cookie.server";
import { createStarterOrganization } from "./accounts.server";

/**
 * "Log in with GitHub" through an OAuth app, when GITHUB_CLIENT_ID and
 * GITHUB_CLIENT_SECRET are set. GitHub Enterprise works by pointing GITHUB_API_URL at
 * its API; octokit derives the web host for the OAuth pages from it.
 */
export function githubLoginEnabled() {
  const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET } = env();
  return Boolean(GITHUB_CLIENT_ID && GITHUB_CLIENT_SECRET);
}

/** The OAuth app, shared by log-in and by connecting GitHub for repository scans (app/scans). */
export function oauthApp() {
  const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, GITHUB_API_URL } = env();
  if (!GITHUB_CLIENT_ID || !GITHUB_CLIENT_SECRET) throw new Error("GitHub log-in is not configured");
  return new OAuthApp({
    clientType: "oauth-app",
    clientId: GITHUB_CLIENT_ID,
    clientSecret: GITHUB_CLIENT_SECRET,
    // The app's own octokit must know the base URL too: OAuthApp does not pass its
    // baseUrl on, and octokit derives the OAuth pages' host from this client's.
    Octokit: Octokit.defaults({ baseUrl: GITHUB_API_URL }),
    defaultScopes: ["read:user", "user:email"],
  });
}

/** The state cookie of a GitHub OAuth flow (log in, connect a workspace), all under /auth/github. */
export const oauthStateCookie = (name: string) => flowCookie(name, "/auth/github");

/** Holds the log-in flow's state and where to go afterwards. */
const stateCookie = () => oauthStateCookie("__github_oauth");

export async function startGithubLogin(request: Request, redirectTo: string) {
  const state = randomBytes(24).toString("base64url");
  const callback = new URL("/auth/github/callback", env().APP_URL ?? request.url).href;
  const { url } = oauthApp().getWebFlowAuthorizationUrl({ state, redirectUrl: callback });
  return { url, setCookie: await stateCookie().serialize({ state, redirectTo }) };
}

export type GithubLoginResult = { ok: true; userId: string; redirectTo: string } | { ok: false; message: string };

/**
 * `refuseEmail` lets the caller turn an address away (an organisation that requires single
 * sign-on for its domain), checked before an account is created and again for the account
 * the GitHub identity is linked to.
 */
export async function finishGithubLogin(
  request: Request,
  options: { refuseEmail?: (email: string) => Promise<string | null> } = {},
): Promise<GithubLoginResult> {
  const url = new URL(request.url);
  const saved = (await stateCookie().parse(request.headers.get("cookie"))) as {
    state?: string;
    redirectTo?: string;
  } | null;
  const code = url.searchParams.get("code");
  if (url.searchParams.get("error")) return { ok: false, message: "GitHub log-in was cancelled." };
  if (!code || !saved?.state || saved.state !== url.searchParams.get("state")) {
    return { ok: false, message: "That GitHub log-in link has expired. Start again." };
  }
  let profile: { githubId: string; name: string; email: string | null };
  try {
    const { authentication } = await oauthApp().createToken({ code });
    const octokit = new Octokit({ auth: authentication.token, baseUrl: env().GITHUB_API_URL });
    const { data: me } = await octokit.rest.users.getAuthenticated();
    const { data: emails } = await octokit.rest.users.listEmailsForAuthenticatedUser();
    const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
    profile = { githubId: String(me.id), name: me.name || me.login, email: primary?.email.toLowerCase() ?? null };
  } catch {
    return { ok: false, message: "GitHub did not confirm the log-in. Try again in a moment." };
  }
  const refusal = profile.email && options.refuseEmail ? await options.refuseEmail(profile.email) : null;
  if (refusal) return { ok: false, message: refusal };
  const userId = await findOrCreateGithubUser(profile);
  if (!userId)
    return { ok: false, message: "Your GitHub account has no verified email address; add one on GitHub first." };
  if (options.refuseEmail) {
    const account = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const linkedRefusal = await options.refuseEmail(account.email);
    if (linkedRefusal) return { ok: false, message: linkedRefusal };
  }
  return { ok: true, userId, redirectTo: saved.redirectTo ?? "/workspaces" };
}

/** Links by GitHub id, else by a verified email GitHub vouches for, else creates the account. */
async function findOrCreateGithubUser(profile: { githubId: string; name: string; email: string | null }) {
  const linked = await prisma.user.findUnique({ where: { githubId: profile.githubId }, select: { id: true } });
  if (linked) return linked.id;
  if (!profile.email) return null;
  const byEmail = await prisma.user.findUnique({ where: { email: profile.email }, select: { id: true } });
  if (byEmail) {
    await prisma.user.update({ where: { id: byEmail.id }, data: { githubId: profile.githubId } });
    return byEmail.id;
  }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: profile.email!, name: profile.name, githubId: profile.githubId },
    });
    await createStarterOrganization(tx, user.id, profile.name);
    return user.id;
  });
}
