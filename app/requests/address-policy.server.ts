import net from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Which addresses a request sent from a room may reach. The app server usually has a
 * private network behind it, so only globally routable unicast addresses are allowed:
 * ipaddr.js classifies every special-purpose range (loopback, private, link-local and
 * with it 169.254.169.254, carrier-grade NAT, unique-local IPv6, NAT64, 6to4, Teredo,
 * multicast, reserved...), and IPv4-mapped IPv6 is judged as the IPv4 it carries.
 * Operators open specific internal hosts with REQUEST_ALLOWED_HOSTS.
 */
export type AllowRule = { host: string; port: number | null; isAddress: boolean };

export function parseAllowRules(entries: readonly string[]): AllowRule[] {
  return entries.map((entry) => {
    const url = new URL(
      `http://${entry.includes(":") && !entry.startsWith("[") && net.isIPv6(entry) ? `[${entry}]` : entry}`,
    );
    const host = bareHost(url.hostname);
    return { host, port: url.port ? Number(url.port) : null, isAddress: net.isIP(host) !== 0 };
  });
}

/** URL.hostname keeps IPv6 brackets; net and ipaddr.js want them off. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

export function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/** The address class as ipaddr.js names it ("unicast" is a public address). */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

const sameAddress = (a: string, b: string) => {
  try {
    return ipaddr.process(a).toNormalizedString() === ipaddr.process(b).toNormalizedString();
  } catch {
    return false;
  }
};

const portMatches = (rule: AllowRule, port: number) => rule.port === null || rule.port === port;

/** The URL's own host name was allowed by the operator (whatever it resolves to). */
export function hostIsAllowed(hostname: string, port: number, rules: readonly AllowRule[]): boolean {
  const host = bareHost(hostname);
  return rules.some(
    (rule) =>
      portMatches(rule, port) &&
      (rule.isAddress ? net.isIP(host) !== 0 && sameAddress(rule.host, host) : rule.host === host),
  );
}

/** Why connecting to this address is refused, or null if it may be reached. */
export function refusalFor(address: string, port: number, rules: readonly AllowRule[]): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address.`;
  if (rules.some((rule) => rule.isAddress && portMatches(rule, port) && sameAddress(rule.host, address))) return null;
  const range = addressRange(address);
  if (range === "unicast") return null;
  return `${address} is a ${RANGE_NAMES[range] ?? `special-purpose (${range})`} address. Requests from rooms may only reach public addresses.`;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: "loopback",
  private: "private-network",
  linkLocal: "link-local (cloud metadata lives here)",
  uniqueLocal: "unique-local IPv6",
  carrierGradeNat: "carrier-grade NAT (some cloud metadata lives here)",
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  reserved: "reserved",
  rfc6052: "NAT64 (it embeds an IPv4 address)",
  rfc6145: "IPv4-translated",
  "6to4": "6to4 (it embeds an IPv4 address)",
  teredo: "Teredo",
  benchmarking: "benchmarking",
};
