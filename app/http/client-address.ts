import net from "node:net";

/** The client's address as the trusted proxy (or the socket) reported it; see server/index.ts. */
export function clientAddress(request: Request): string {
  return request.headers.get("x-client-address") ?? "unknown";
}

/**
 * Who a client is, as far as the network says, in a form it cannot vary cheaply: an IPv4
 * address as it is, an IPv6 address as its /64 (one customer's network: a client can take any
 * of its 2^64 addresses for free). Headers such as User-Agent are the client's to choose.
 */
export function clientNetwork(request: Request): string {
  const address = clientAddress(request).replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  if (!net.isIPv6(address)) return address;
  const groups = expandIPv6(address.replace(/%.*$/, ""));
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = address.includes("::") ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}
