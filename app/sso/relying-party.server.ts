import * as oidc from "openid-client";
import { env } from "~/config/env.server";
import { decryptSecret } from "~/keys/secret-box.server";
import { bareHost, parseAllowRules } from "~/requests/address-policy.server";
import { safeFetch } from "~/requests/safe-fetch.server";

/**
 * The app as an OpenID Connect relying party, through openid-client. Every request to an
 * identity provider (discovery, keys, token, userinfo) goes through the same SSRF guard as
 * requests sent from rooms (app/requests/safe-fetch.server.ts): an organisation admin types the
 * issuer URL, so it must not reach the app's private network or cloud metadata. Issuers must
 * be https, unless their host is one the operator opened with SSO_ALLOWED_HOSTS (an internal
 * identity provider, or the one tests run).
 */
export type ProviderSettings = {
  id: string;
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string;
  updatedAt: Date;
};

export class ProviderUnreachable extends Error {}

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 1_000_000;

function operatorAllows(url: URL) {
  const rules = parseAllowRules(env().SSO_ALLOWED_HOSTS);
  const host = bareHost(url.hostname);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return rules.some((rule) => rule.host === host && (rule.port === null || rule.port === port));
}

/** Why an issuer URL cannot be used, or null. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer as a URL, like https://login.acme.com.";
  }
  if (url.username || url.password || url.hash || url.search)
    return "The issuer URL has no user name, query or fragment.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && operatorAllows(url)) return null;
  return "The issuer must be an https URL.";
}

/** openid-client's fetch, through the SSRF guard. */
const guardedFetch: oidc.CustomFetch = async (url, options) => {
  const headers = Object.entries(options.headers ?? {});
  const body =
    options.body === undefined || options.body === null
      ? undefined
      : options.body instanceof URLSearchParams
        ? options.body.toString()
        : typeof options.body === "string"
          ? options.body
          : Buffer.from(options.body as ArrayBuffer).toString("utf8");
  const result = await safeFetch(
    { method: options.method, url, headers, body },
    {
      allow: parseAllowRules(env().SSO_ALLOWED_HOSTS),
      timeoutMs: TIMEOUT_MS,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      maxRedirects: 0,
    },
  );
  if (!result.ok) throw new ProviderUnreachable(result.message);
  const bodyless = result.status === 204 || result.status === 304;
  return new Response(bodyless ? null : new Uint8Array(result.body), {
    status: result.status,
    statusText: result.statusText,
    headers: result.headers,
  });
};

const cache = new Map<string, { at: number; config: oidc.Configuration }>();
const CACHE_MS = 10 * 60_000;

/** The provider's configuration (its discovery document), cached for ten minutes per saved setting. */
export async function providerConfiguration(settings: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${settings.id}:${settings.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  const config = await discover(settings.issuer, settings.clientId, decryptSecret(settings.clientSecretEncrypted));
  cache.set(key, { at: Date.now(), config });
  return config;
}

/** Reads the issuer's discovery document: proves the issuer is an OpenID provider we can reach. */
export async function discover(issuer: string, clientId: string, clientSecret?: string) {
  const url = new URL(issuer);
  try {
    return await oidc.discovery(url, clientId, clientSecret, undefined, {
      [oidc.customFetch]: guardedFetch,
      execute: url.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw new ProviderUnreachable(describeOidcError(error));
  }
}

export function describeOidcError(error: unknown): string {
  if (error instanceof ProviderUnreachable) return error.message;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof ProviderUnreachable) return cause.message;
  if (error instanceof oidc.ResponseBodyError)
    return `The identity provider refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ""}.`;
  if (error instanceof oidc.ClientError || error instanceof Error) return error.message.slice(0, 300);
  return "The identity provider's answer could not be read.";
}
