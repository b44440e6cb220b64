import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { AllowRule } from "./address-policy.server";
import { guardConnection, type Resolver } from "./guarded-connection.server";

/**
 * A WHATWG `fetch` for server-to-server clients (octokit for GitHub Enterprise) whose
 * address someone typed: every connection, redirects included, goes through the same
 * address policy as Send (guarded-connection.server.ts), so a base URL cannot point the
 * server, token attached, at loopback, the private network or cloud metadata. Responses
 * stream (a repository tarball can be large). Credentials are dropped on a cross-origin
 * redirect, as browsers do. A refusal rejects with a TypeError whose `cause` is an
 * `AddressRefused`, the shape fetch uses for network errors.
 */
export const POLICY_FETCH_MAX_REDIRECTS = 5;

export function policyFetch(options: { allow: readonly AllowRule[]; resolve?: Resolver }): typeof fetch {
  return async (input, init = {}) => {
    let url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    let method = (init.method ?? "GET").toUpperCase();
    let headers = new Headers(init.headers);
    let body = init.body ?? undefined;
    for (let hop = 0; ; hop++) {
      const response = await exchange(url, method, headers, body, init.signal ?? undefined, options);
      const location = response.headers.get("location");
      if (init.redirect === "manual" || ![301, 302, 303, 307, 308].includes(response.status) || !location)
        return response;
      await response.body?.cancel();
      if (hop >= POLICY_FETCH_MAX_REDIRECTS) throw new TypeError("fetch failed: too many redirects");
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        headers = new Headers(headers);
        headers.delete("authorization");
        headers.delete("cookie");
      }
      if (response.status === 303 || ([301, 302].includes(response.status) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        body = undefined;
        headers.delete("content-type");
      }
      url = next;
    }
  };
}

async function exchange(
  url: URL,
  method: string,
  headers: Headers,
  body: BodyInit | undefined,
  signal: AbortSignal | undefined,
  options: { allow: readonly AllowRule[]; resolve?: Resolver },
): Promise<Response> {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new TypeError(`fetch failed: ${url.protocol} is not http or https`);
  let guard: ReturnType<typeof guardConnection>;
  try {
    guard = guardConnection(url, options);
  } catch (error) {
    throw new TypeError("fetch failed", { cause: error });
  }
  const payload = body === undefined ? undefined : Buffer.from(await new Response(body).arrayBuffer());
  return new Promise<Response>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method,
      headers: Object.fromEntries(headers),
      lookup: guard.lookup,
      agent: false,
      signal,
      servername: guard.servername,
    });
    guard.watch(req);
    req.on("error", (error) =>
      reject(error.name === "AbortError" ? error : new TypeError("fetch failed", { cause: error })),
    );
    req.on("response", (res) => {
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 500;
      const nullBody = [101, 204, 205, 304].includes(status) || method === "HEAD";
      if (nullBody) res.resume();
      const response = new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
        status,
        statusText: res.statusMessage ?? "",
        headers: responseHeaders,
      });
      Object.defineProperty(response, "url", { value: url.href });
      resolve(response);
    });
    req.end(payload);
  });
}
