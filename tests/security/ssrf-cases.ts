import dns from "node:dns";
import type { Resolver } from "~/requests/guarded-connection.server";

/**
 * Addresses the server must never be made to connect to, in every spelling the probe and the
 * literature know: each must be refused before any connection is made, by Send (request
 * rooms) and by GitHub Enterprise connections alike. Host names are answered by a resolver
 * that behaves like a hostile name server ("localhost" by the real one).
 */
export const HOSTILE_DNS: Record<string, string[]> = {
  "metadata.google.internal": ["169.254.169.254"],
  "169.254.169.254.nip.io": ["169.254.169.254"],
  "127.0.0.1.nip.io": ["127.0.0.1"],
  "localtest.me": ["127.0.0.1"],
  "internal.attacker.test": ["10.0.0.5"],
  "v6.attacker.test": ["::1"],
  "mapped.attacker.test": ["::ffff:169.254.169.254"],
  // glibc prints IPv4-compatible IPv6 (::/96) in this dotted form.
  "compat.attacker.test": ["::127.0.0.1"],
  "compat-hex.attacker.test": ["::7f00:1"],
  "nat64.attacker.test": ["64:ff9b::a9fe:a9fe"],
  "linklocal6.attacker.test": ["fe80::1"],
  "ula.attacker.test": ["fd12:3456::1"],
  "zero.attacker.test": ["0.0.0.0"],
  "cgnat.attacker.test": ["100.64.1.1"],
  "broadcast.attacker.test": ["255.255.255.255"],
  "private-b.attacker.test": ["172.20.0.3"],
  "private-c.attacker.test": ["192.168.0.10"],
  // One public and one private answer: connecting "to the first" would be a coin toss.
  "mixed.attacker.test": ["93.184.216.34", "10.1.2.3"],
  "many.attacker.test": ["93.184.216.34", "8.8.4.4", "127.0.0.1"],
  "alibaba.attacker.test": ["100.100.100.200"],
  "ecs.attacker.test": ["169.254.170.2"],
  "localhost.": ["127.0.0.1"],
};

export const hostileResolver: Resolver = async (hostname) => {
  if (hostname === "localhost") return dns.promises.lookup(hostname, { all: true });
  const answers = HOSTILE_DNS[hostname];
  if (!answers) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

export const SSRF_CASES: [label: string, url: string][] = [
  // IPv4 loopback, every spelling
  ["loopback", "http://127.0.0.1/"],
  ["localhost by name", "http://localhost/"],
  ["LOCALHOST in capitals", "http://LOCALHOST/"],
  ["localhost with a trailing dot", "http://localhost./"],
  ["short form 127.1", "http://127.1/"],
  ["short form 127.0.1", "http://127.0.1/"],
  ["decimal", "http://2130706433/"],
  ["hex", "http://0x7f000001/"],
  ["dotted hex", "http://0x7f.0x0.0x0.0x1/"],
  ["hex and short", "http://0x7f.1/"],
  ["octal", "http://0177.0.0.1/"],
  ["long octal", "http://0177.0000.0000.0001/"],
  ["whole-number octal", "http://017700000001/"],
  ["zero-padded", "http://127.000.000.001/"],
  ["another loopback", "http://127.45.6.7:8080/"],
  ["loopback SSH port", "http://127.1.1.1:22/"],
  ["loopback PostgreSQL port", "http://127.0.0.1:5432/"],
  ["hex with a Redis port", "http://0x7f000001:6379/"],
  ["circled digits (IDNA maps them to 127.0.0.1)", "http://①②⑦.⓪.⓪.①/"],
  ["ideographic full stops", "http://127。0。0。1/"],
  ["userinfo that looks like a host", "http://evil.example@127.0.0.1/"],
  ["fragment that looks like a host", "http://127.0.0.1#@evil.example/"],
  ["credentials before a loopback host", "http://user:pass@127.0.0.1/"],
  ["https to loopback", "https://127.0.0.1/"],
  // unspecified and broadcast
  ["unspecified 0.0.0.0", "http://0.0.0.0/"],
  ["unspecified with a port", "http://0.0.0.0:3000/"],
  ["bare zero", "http://0/"],
  ["broadcast", "http://255.255.255.255/"],
  // IPv6 and IPv4 inside IPv6
  ["IPv6 loopback", "http://[::1]/"],
  ["IPv6 loopback, long form", "http://[0:0:0:0:0:0:0:1]/"],
  ["IPv6 loopback with a Redis port", "http://[::1]:6379/"],
  ["IPv6 unspecified", "http://[::]/"],
  ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"],
  ["IPv4-mapped loopback, hex", "http://[::ffff:7f00:1]/"],
  ["IPv4-mapped metadata", "http://[0:0:0:0:0:ffff:169.254.169.254]/"],
  ["IPv4-mapped metadata, hex", "http://[::ffff:a9fe:a9fe]/"],
  ["IPv4-compatible loopback [::127.0.0.1] (::/96)", "http://[::127.0.0.1]/"],
  ["IPv4-compatible loopback, hex", "http://[::7f00:1]/"],
  ["IPv4-compatible metadata", "http://[::a9fe:a9fe]/"],
  ["IPv4-compatible, long form", "http://[0:0:0:0:0:0:7f00:1]/"],
  ["IPv4-translated (::ffff:0:0:0/96)", "http://[::ffff:0:7f00:1]/"],
  ["NAT64 of loopback", "http://[64:ff9b::7f00:1]/"],
  ["local-use NAT64 of loopback", "http://[64:ff9b:1::7f00:1]/"],
  ["6to4 of loopback", "http://[2002:7f00:1::]/"],
  ["Teredo", "http://[2001::1]/"],
  ["IPv6 link-local", "http://[fe80::1]/"],
  ["IPv6 unique-local", "http://[fc00::1]/"],
  ["AWS IPv6 metadata", "http://[fd00:ec2::254]/"],
  ["IPv6 multicast", "http://[ff02::1]/"],
  ["IPv6 discard prefix", "http://[100::1]/"],
  ["IPv6 documentation prefix", "http://[2001:db8::1]/"],
  // metadata services and private networks
  ["AWS/GCP/Azure metadata", "http://169.254.169.254/latest/meta-data/"],
  ["metadata, decimal", "http://2852039166/"],
  ["AWS ECS task metadata", "http://169.254.170.2/v2/credentials"],
  ["Alibaba metadata (CGNAT)", "http://100.100.100.200/"],
  ["carrier-grade NAT", "http://100.64.0.1/"],
  ["Oracle metadata", "http://192.0.0.192/"],
  ["private 10/8", "http://10.0.0.1/"],
  ["private 172.16/12", "http://172.16.0.1/"],
  ["private 192.168/16", "http://192.168.1.1/"],
  ["TEST-NET-1", "http://192.0.2.1/"],
  ["benchmarking 198.18/15", "http://198.18.0.1/"],
  ["reserved 240/4", "http://240.0.0.1/"],
  ["multicast", "http://224.0.0.1/"],
  // names a hostile DNS answers with what it likes
  ["GCP metadata by name", "http://metadata.google.internal/computeMetadata/v1/"],
  ["wildcard DNS to metadata", "http://169.254.169.254.nip.io/"],
  ["wildcard DNS to loopback", "http://127.0.0.1.nip.io/"],
  ["public name to loopback", "http://localtest.me/"],
  ["name to a private address", "http://internal.attacker.test/"],
  ["name to 172.16/12", "http://private-b.attacker.test/"],
  ["name to 192.168/16", "http://private-c.attacker.test/"],
  ["name to IPv6 loopback", "http://v6.attacker.test/"],
  ["name to IPv4-mapped metadata", "http://mapped.attacker.test/"],
  ["name to IPv4-compatible loopback (dotted)", "http://compat.attacker.test/"],
  ["name to IPv4-compatible loopback (hex)", "http://compat-hex.attacker.test/"],
  ["name to NAT64 metadata", "http://nat64.attacker.test/"],
  ["name to IPv6 link-local", "http://linklocal6.attacker.test/"],
  ["name to IPv6 unique-local", "http://ula.attacker.test/"],
  ["name to 0.0.0.0", "http://zero.attacker.test/"],
  ["name to carrier-grade NAT", "http://cgnat.attacker.test/"],
  ["name to broadcast", "http://broadcast.attacker.test/"],
  ["name to CGNAT metadata", "http://alibaba.attacker.test/"],
  ["name to ECS metadata", "http://ecs.attacker.test/"],
  ["name with one public and one private address", "http://mixed.attacker.test/"],
  ["name with a private address last of three", "http://many.attacker.test/"],
  // other schemes
  ["file scheme", "file:///etc/passwd"],
  ["gopher scheme", "gopher://127.0.0.1:6379/_INFO"],
  ["ftp scheme", "ftp://127.0.0.1/"],
  ["data scheme", "data:text/plain,hello"],
  ["dict scheme", "dict://127.0.0.1:11211/stats"],
  ["ldap scheme", "ldap://127.0.0.1/"],
  ["websocket scheme", "ws://127.0.0.1/"],
  ["javascript scheme", "javascript:alert(1)"],
  ["jar scheme", "jar:http://127.0.0.1/x.jar!/"],
  ["sftp scheme", "sftp://127.0.0.1/"],
];

/** Redirects from an allowed target to places the server must not go. */
export const SSRF_REDIRECTS: [label: string, to: string][] = [
  ["to cloud metadata", "http://169.254.169.254/latest/meta-data/"],
  ["to IPv6 loopback", "http://[::1]/echo"],
  ["to a decimal spelling of another loopback address", "http://2130706434/"],
  ["to a private address", "http://10.0.0.1/"],
  ["to IPv4-compatible loopback", "http://[::127.0.0.1]/"],
  ["to a name that resolves to metadata", "http://metadata.google.internal/"],
  ["to file:", "file:///etc/passwd"],
];
