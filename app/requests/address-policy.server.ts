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

/**
 * The address class as ipaddr.js names it ("unicast" is a public address), plus two IPv6
 * prefixes that carry an IPv4 address ipaddr.js calls public:
 *   - ::/96, IPv4-compatible IPv6 (deprecated by RFC 4291): [::127.0.0.1] is written
 *     [::7f00:1] by the URL parser, and some stacks still route it to 127.0.0.1;
 *   - 64:ff9b:1::/48, local-use NAT64 (RFC 8215), which a local translator maps to the IPv4
 *     address in its last 32 bits.
 * Both are refused whatever they carry, like NAT64, 6to4 and Teredo. IPv6 is put in the URL
 * parser's canonical form first: ipaddr.js reads "::8.8.8.8" (glibc's way of printing ::/96)
 * as the IPv4-mapped ::ffff:8.8.8.8.
 */
export function addressRange(address: string): string {
  const canonical = canonicalAddress(address);
  const parsed = ipaddr.parse(canonical);
  if (parsed instanceof ipaddr.IPv6) {
    const range = parsed.range();
    if (range === "unspecified" || range === "loopback") return range;
    if (parsed.match(IPV4_COMPATIBLE)) return "ipv4Compatible";
    if (parsed.match(LOCAL_NAT64)) return "rfc8215";
  }
  return ipaddr.process(canonical).range();
}

/** IPv6 as the WHATWG URL parser writes it (hex groups, no zone); IPv4 unchanged. */
export function canonicalAddress(address: string): string {
  const bare = bareHost(address).replace(/%.*$/, "");
  if (!net.isIPv6(bare)) return bare;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return bare;
  }
}

const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");
const LOCAL_NAT64 = ipaddr.IPv6.parseCIDR("64:ff9b:1::/48");

const sameAddress = (a: string, b: string) => {
  try {
    return (
      ipaddr.process(canonicalAddress(a)).toNormalizedString() ===
      ipaddr.process(canonicalAddress(b)).toNormalizedString()
    );
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
  if (!ipaddr.isValid(canonicalAddress(address))) return `"${address}" is not an IP address.`;
  if (rules.some((rule) => rule.isAddress && portMatches(rule, port) && sameAddress(rule.host, address))) return null;
  const range = addressRange(address);
  if (range === "unicast") return null;
  return `${address} is ${RANGE_NAMES[range] ?? `a special-purpose (${range})`} address. Requests from rooms may only reach public addresses.`;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback",
  private: "a private-network",
  linkLocal: "a link-local (cloud metadata lives here)",
  uniqueLocal: "a unique-local IPv6",
  carrierGradeNat: "a carrier-grade NAT (some cloud metadata lives here)",
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  multicast: "a multicast",
  reserved: "a reserved",
  rfc6052: "an NAT64 (it embeds an IPv4 address)",
  rfc8215: "a local-use NAT64 (it embeds an IPv4 address)",
  ipv4Compatible: "an IPv4-compatible IPv6 (::/96, it embeds an IPv4 address)",
  rfc6145: "an IPv4-translated",
  "6to4": "a 6to4 (it embeds an IPv4 address)",
  teredo: "a Teredo",
  benchmarking: "a benchmarking",
};
