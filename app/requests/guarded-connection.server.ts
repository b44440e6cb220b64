import dns from "node:dns";
import type http from "node:http";
import net, { type LookupFunction } from "node:net";
import { bareHost, defaultPort, hostIsAllowed, refusalFor, type AllowRule } from "./address-policy.server";

/**
 * The address checks of one outgoing connection, shared by everything the server sends to
 * an address people typed (request rooms, GitHub Enterprise):
 *   - an IP literal (already canonicalised by the URL parser) is checked before connecting;
 *   - a host name resolves inside the socket's own lookup hook and every answer must pass,
 *     so the address checked is the address connected to (DNS rebinding cannot swap it);
 *   - the connected socket's remote address is checked once more.
 * Operators open internal hosts with allow rules (REQUEST_ALLOWED_HOSTS).
 */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** The address policy refused the destination: nothing was sent. */
export class AddressRefused extends Error {
  override name = "AddressRefused";
}
/** The destination could not be reached (DNS, network): a failure, not a refusal. */
export class ConnectionFailed extends Error {
  override name = "ConnectionFailed";
}

export function guardConnection(url: URL, options: { allow: readonly AllowRule[]; resolve?: Resolver }) {
  const port = url.port ? Number(url.port) : defaultPort(url.protocol);
  const host = bareHost(url.hostname);
  const hostAllowed = hostIsAllowed(url.hostname, port, options.allow);
  const check = (address: string) => (hostAllowed ? null : refusalFor(address, port, options.allow));
  if (net.isIP(host)) {
    const refusal = check(host);
    if (refusal) throw new AddressRefused(refusal);
  }

  const resolve = options.resolve ?? systemResolver;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (answers) => {
        if (answers.length === 0) return callback(new ConnectionFailed(`${hostname} has no address.`), "", 0);
        // Every answer must pass: a name with one public and one private address could
        // otherwise be made to connect to the private one.
        for (const { address } of answers) {
          const refusal = check(address);
          if (refusal) return callback(new AddressRefused(`${hostname} resolves to ${refusal}`), "", 0);
        }
        if (lookupOptions.all) callback(null, answers);
        else callback(null, answers[0]!.address, answers[0]!.family);
      },
      () => callback(new ConnectionFailed(`Could not find the server ${hostname} (DNS lookup failed).`), "", 0),
    );
  };

  /** Checks the connected socket's remote address once more (closes the request if refused). */
  const watch = (req: http.ClientRequest) => {
    req.on("socket", (socket) => {
      socket.once("connect", () => {
        const refusal = socket.remoteAddress ? check(socket.remoteAddress) : "The connection has no remote address.";
        if (refusal) req.destroy(new AddressRefused(refusal));
      });
    });
  };

  return { lookup, watch, servername: net.isIP(host) ? undefined : host };
}

/**
 * Why connecting to `url` would be refused, or null: the same checks as a connection makes
 * (an IP literal, then every address the name resolves to), for a message before anything
 * is saved. DNS failures are not refusals (null): the connection itself will fail clearly.
 */
export async function addressRefusal(
  url: URL,
  options: { allow: readonly AllowRule[]; resolve?: Resolver },
): Promise<string | null> {
  let guard: ReturnType<typeof guardConnection>;
  try {
    guard = guardConnection(url, options);
  } catch (error) {
    if (error instanceof AddressRefused) return error.message;
    throw error;
  }
  if (net.isIP(bareHost(url.hostname))) return null;
  return new Promise((resolve) =>
    guard.lookup(bareHost(url.hostname), { all: true }, (error) =>
      resolve(error instanceof AddressRefused ? error.message : null),
    ),
  );
}
