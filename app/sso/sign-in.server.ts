import * as oidc from "openid-client";
import { z } from "zod";
import { requestOrigin } from "~/audit/audit.server";
import { publicOrigin } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { flowCookie } from "~/http/flow-cookie.server";
import { joinThroughProvider, type ProviderProfile } from "./membership.server";
import { describeOidcError, providerConfiguration, ProviderUnreachable } from "./relying-party.server";

/**
 * Signing in through an organisation's identity provider: the authorization code flow with
 * PKCE, state and nonce, kept in a signed cookie for ten minutes under /auth/sso. The
 * callback checks all three (openid-client), reads who signed in from the ID token (or the
 * userinfo endpoint when the token carries no e-mail), and hands the profile to
 * ./membership.server.ts, which decides whether and as whom they may come in.
 */
export const CALLBACK_PATH = "/auth/sso/callback";

const stateCookie = () => flowCookie("__sso", "/auth/sso");

const FlowState = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  connectionId: z.string().uuid(),
  redirectTo: z.string(),
});

export type StartResult = { ok: true; url: string; setCookie: string } | { ok: false; message: string };

export async function startSsoLogin(request: Request, connectionId: string, redirectTo: string): Promise<StartResult> {
  const connection = await prisma.ssoConnection.findUnique({ where: { id: connectionId } });
  if (!connection?.enabled) return { ok: false, message: "Single sign-on is not set up for that organisation." };
  let config: oidc.Configuration;
  try {
    config = await providerConfiguration(connection);
  } catch (error) {
    return { ok: false, message: `The identity provider could not be reached: ${describeOidcError(error)}` };
  }
  const flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    connectionId,
    redirectTo,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: new URL(CALLBACK_PATH, publicOrigin(request)).href,
    scope: "openid email profile",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url: url.href, setCookie: await stateCookie().serialize(flow) };
}

export type FinishResult =
  { ok: true; userId: string; redirectTo: string; clearCookie: string } | { ok: false; message: string };

export async function finishSsoLogin(request: Request): Promise<FinishResult> {
  const saved = FlowState.safeParse(await stateCookie().parse(request.headers.get("cookie")));
  const here = new URL(request.url);
  if (here.searchParams.get("error")) {
    const description = here.searchParams.get("error_description")?.slice(0, 200);
    return {
      ok: false,
      message: `The identity provider did not sign you in${description ? `: ${description}` : ` (${here.searchParams.get("error")?.slice(0, 60)})`}.`,
    };
  }
  if (!saved.success) return { ok: false, message: "That sign-in link has expired. Start again from the log-in page." };
  const flow = saved.data;
  const connection = await prisma.ssoConnection.findUnique({ where: { id: flow.connectionId } });
  if (!connection?.enabled) return { ok: false, message: "Single sign-on is no longer set up for that organisation." };

  let profile: ProviderProfile;
  try {
    const config = await providerConfiguration(connection);
    // The URL the provider sent the browser to, as the provider knows it (behind a proxy, APP_URL).
    const callbackUrl = new URL(here.pathname + here.search, publicOrigin(request));
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const info =
      typeof claims.email === "string" ? claims : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    profile = {
      subject: claims.sub,
      email: typeof info.email === "string" ? info.email.trim().toLowerCase() : null,
      emailVerified: info.email_verified === undefined ? null : info.email_verified === true,
      name: typeof info.name === "string" ? info.name : null,
    };
  } catch (error) {
    if (!(error instanceof ProviderUnreachable) && !(error instanceof oidc.ResponseBodyError) && !isOidcCheck(error))
      throw error;
    console.error(`SSO sign-in failed for connection ${connection.id}: ${describeOidcError(error)}`);
    return { ok: false, message: `The identity provider's answer was refused: ${describeOidcError(error)}` };
  }
  const joined = await joinThroughProvider(connection, profile, requestOrigin(request));
  if (!joined.ok) return joined;
  return {
    ok: true,
    userId: joined.userId,
    redirectTo: flow.redirectTo,
    clearCookie: await stateCookie().serialize("", { maxAge: 0 }),
  };
}

/** openid-client's refusals of a response (state, nonce, signature, issuer, audience…). */
function isOidcCheck(error: unknown) {
  return (
    error instanceof oidc.ClientError ||
    error instanceof oidc.AuthorizationResponseError ||
    error instanceof oidc.WWWAuthenticateChallengeError
  );
}
