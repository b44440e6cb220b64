import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { AllowRule } from "./address-policy.server";
import { AddressRefused, ConnectionFailed, guardConnection, type Resolver } from "./guarded-connection.server";

export type { Resolver };

/**
 * An HTTP client for requests people build in rooms, safe to run on a server with a
 * private network behind it:
 *   - the address is checked where it is used (guarded-connection.server.ts): every DNS
 *     answer inside the socket's own lookup hook, IP literals before connecting, and the
 *     connected socket's remote address once more, so DNS rebinding cannot swap it;
 *   - redirects are followed by hand, each hop checked again, at most MAX_REDIRECTS;
 *   - http and https only, one deadline for the whole exchange, a cap on the response
 *     (after decompression), no connection reuse, and nothing of the app's own request
 *     (cookies, headers) is ever added.
 */
export type SafeRequest = { method: string; url: string; headers: [string, string][]; body?: string };

export type SafeFetchOptions = {
  allow: readonly AllowRule[];
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects?: number;
  /** DNS; tests pass a resolver that answers like a hostile name server would. */
  resolve?: Resolver;
  /**
   * A further rule for every URL visited, the first and each redirect: a refusal message,
   * or null to go on (e.g. an organisation's key may only go to its provider's hosts).
   */
  mayVisit?: (url: URL) => string | null;
};

export type SafeResponse = {
  ok: true;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Buffer;
  finalUrl: string;
  redirects: string[];
  remoteAddress: string;
};
export type SafeFailure = { ok: false; outcome: "REFUSED" | "FAILED"; message: string; redirects: string[] };

export const MAX_REDIRECTS = 5;

class Refused extends Error {}
class Failed extends Error {}

/** Headers a person may not set: the client computes them, or they steer the connection. */
const CONTROLLED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "proxy-authorization",
  "proxy-connection",
]);
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie"]);

export async function safeFetch(request: SafeRequest, options: SafeFetchOptions): Promise<SafeResponse | SafeFailure> {
  const redirects: string[] = [];
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let current: SafeRequest = {
    ...request,
    headers: request.headers.filter(([name]) => !CONTROLLED_HEADERS.has(name.toLowerCase())),
  };
  try {
    for (;;) {
      const response = await exchange(current, options, deadline);
      const location = response.headers.find(([name]) => name.toLowerCase() === "location")?.[1];
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) return { ...response, redirects };
      if (redirects.length >= maxRedirects) throw new Refused(`Stopped after ${maxRedirects} redirects.`);
      let next: URL;
      try {
        next = new URL(location, current.url);
      } catch {
        throw new Failed(`The server redirected to an invalid address: ${location.slice(0, 200)}`);
      }
      redirects.push(next.href);
      const keepsMethod =
        response.status === 307 || response.status === 308 || current.method === "GET" || current.method === "HEAD";
      const sameOrigin = next.origin === new URL(current.url).origin;
      current = {
        method: keepsMethod ? current.method : "GET",
        url: next.href,
        // Credentials stay with the origin they were written for (as browsers and curl do).
        headers: current.headers.filter(
          ([name]) =>
            (sameOrigin || !CREDENTIAL_HEADERS.has(name.toLowerCase())) &&
            (keepsMethod || name.toLowerCase() !== "content-type"),
        ),
        body: keepsMethod ? current.body : undefined,
      };
    }
  } catch (error) {
    if (error instanceof Refused) return { ok: false, outcome: "REFUSED", message: error.message, redirects };
    if (deadline.aborted)
      return {
        ok: false,
        outcome: "FAILED",
        message: `No complete answer within ${options.timeoutMs / 1000} s.`,
        redirects,
      };
    return { ok: false, outcome: "FAILED", message: error instanceof Error ? error.message : String(error), redirects };
  }
}

async function exchange(
  request: SafeRequest,
  options: SafeFetchOptions,
  deadline: AbortSignal,
): Promise<Omit<SafeResponse, "redirects">> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new Refused(`"${request.url.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Refused(`Only http and https URLs can be sent (not ${url.protocol.replace(":", "")}).`);
  const ruled = options.mayVisit?.(url);
  if (ruled) throw new Refused(ruled);
  let guard: ReturnType<typeof guardConnection>;
  try {
    guard = guardConnection(url, options);
  } catch (error) {
    throw error instanceof AddressRefused ? new Refused(error.message) : error;
  }

  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = client.request(url, {
      method: request.method,
      // Node's raw form keeps repeated headers, but then Node adds no Host of its own.
      headers: [["Host", url.host], ...request.headers].flat(),
      lookup: guard.lookup,
      agent: false, // a fresh connection each time: nothing reused past a check
      signal: deadline,
      servername: guard.servername,
    });
    guard.watch(req);
    req.on("error", (error) =>
      reject(
        error instanceof AddressRefused
          ? new Refused(error.message)
          : error instanceof ConnectionFailed
            ? new Failed(error.message)
            : error instanceof Refused || error instanceof Failed
              ? error
              : (error as NodeJS.ErrnoException).code === "ABORT_ERR"
                ? error
                : new Failed(describeNetworkError(error, url)),
      ),
    );
    req.on("response", (res) => {
      const remoteAddress = res.socket.remoteAddress ?? "";
      const chunks: Buffer[] = [];
      let size = 0;
      const decoded = decode(res);
      decoded.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          reject(
            new Failed(
              `The response is larger than ${Math.round(options.maxResponseBytes / 1000)} kB, the most a room can send.`,
            ),
          );
          req.destroy();
          decoded.destroy();
          return;
        }
        chunks.push(chunk);
      });
      decoded.on("error", (error) =>
        reject(error instanceof Failed ? error : new Failed(`The response could not be read: ${error.message}`)),
      );
      decoded.on("end", () => {
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolvePromise({
          ok: true,
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers,
          body: Buffer.concat(chunks),
          finalUrl: url.href,
          remoteAddress,
        });
      });
    });
    if (request.body !== undefined && request.method !== "GET" && request.method !== "HEAD") req.end(request.body);
    else req.end();
  });
}

/** Bodies the server compressed are shown decompressed; the cap counts decompressed bytes. */
function decode(res: http.IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return res;
  res.on("error", (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function describeNetworkError(error: Error, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return `${url.host} refused the connection.`;
  if (code === "ECONNRESET") return `${url.host} closed the connection.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Could not find the server ${url.hostname}.`;
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT"))
    return `The TLS connection to ${url.host} failed (${code}).`;
  if (code === "HPE_INVALID_HEADER_TOKEN" || code?.startsWith("HPE_"))
    return `${url.host} answered something that is not valid HTTP.`;
  return `The request failed: ${error.message}`;
}
