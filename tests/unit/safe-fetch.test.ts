import dns from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowRules } from "~/requests/address-policy.server";
import { safeFetch, type Resolver, type SafeFetchOptions } from "~/requests/safe-fetch.server";
import { startHttpTarget } from "../support/http-target";

/**
 * Known SSRF bypasses, each refused before any connection is made, and a local target
 * that is reachable only when the operator allows it. Host names are answered by a
 * resolver that behaves like a hostile name server (the real one for "localhost").
 * Nothing here ever connects outside loopback: refused requests never connect at all.
 */
let target: Awaited<ReturnType<typeof startHttpTarget>>;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

const HOSTILE_DNS: Record<string, string[]> = {
  "metadata.google.internal": ["169.254.169.254"],
  "169.254.169.254.nip.io": ["169.254.169.254"],
  "localtest.me": ["127.0.0.1"],
  "internal.attacker.test": ["10.0.0.5"],
  "v6.attacker.test": ["::1"],
  "mapped.attacker.test": ["::ffff:169.254.169.254"],
  // One public and one private answer: connecting "to the first" would be a coin toss.
  "mixed.attacker.test": ["93.184.216.34", "10.1.2.3"],
  "alibaba.attacker.test": ["100.100.100.200"],
};
const calls: string[] = [];
const hostileResolver: Resolver = async (hostname) => {
  calls.push(hostname);
  if (hostname === "localhost") return dns.promises.lookup(hostname, { all: true });
  const answers = HOSTILE_DNS[hostname];
  if (!answers) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

const defaults: SafeFetchOptions = {
  allow: [],
  timeoutMs: 5000,
  maxResponseBytes: 1_000_000,
  resolve: hostileResolver,
};
const get = (url: string, options: Partial<SafeFetchOptions> = {}) =>
  safeFetch({ method: "GET", url, headers: [] }, { ...defaults, ...options });

const BYPASSES: [label: string, url: string][] = [
  ["loopback", "http://127.0.0.1/"],
  ["localhost by name", "http://localhost/"],
  ["short form 127.1", "http://127.1/"],
  ["decimal", "http://2130706433/"],
  ["hex", "http://0x7f000001/"],
  ["dotted hex", "http://0x7f.0x0.0x0.0x1/"],
  ["octal", "http://0177.0.0.1/"],
  ["whole-number octal", "http://017700000001/"],
  ["zero-padded", "http://127.000.000.001/"],
  ["another loopback", "http://127.45.6.7:8080/"],
  ["unspecified 0.0.0.0", "http://0.0.0.0/"],
  ["bare zero", "http://0/"],
  ["IPv6 loopback", "http://[::1]/"],
  ["IPv6 unspecified", "http://[::]/"],
  ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"],
  ["IPv4-mapped loopback, hex", "http://[::ffff:7f00:1]/"],
  ["IPv4-mapped metadata", "http://[0:0:0:0:0:ffff:169.254.169.254]/"],
  ["IPv4-mapped metadata, hex", "http://[::ffff:a9fe:a9fe]/"],
  ["AWS/GCP/Azure metadata", "http://169.254.169.254/latest/meta-data/"],
  ["metadata, decimal", "http://2852039166/"],
  ["AWS IPv6 metadata", "http://[fd00:ec2::254]/"],
  ["Alibaba metadata (CGNAT)", "http://100.100.100.200/"],
  ["Oracle metadata", "http://192.0.0.192/"],
  ["private 10/8", "http://10.0.0.1/"],
  ["private 172.16/12", "http://172.16.0.1/"],
  ["private 192.168/16", "http://192.168.1.1/"],
  ["IPv6 link-local", "http://[fe80::1]/"],
  ["IPv6 unique-local", "http://[fc00::1]/"],
  ["NAT64 of loopback", "http://[64:ff9b::7f00:1]/"],
  ["6to4 of loopback", "http://[2002:7f00:1::]/"],
  ["multicast", "http://224.0.0.1/"],
  ["broadcast", "http://255.255.255.255/"],
  ["credentials before a loopback host", "http://user:pass@127.0.0.1/"],
  ["GCP metadata by name", "http://metadata.google.internal/computeMetadata/v1/"],
  ["wildcard DNS to metadata", "http://169.254.169.254.nip.io/"],
  ["wildcard DNS to loopback", "http://localtest.me/"],
  ["name to a private address", "http://internal.attacker.test/"],
  ["name to IPv6 loopback", "http://v6.attacker.test/"],
  ["name to IPv4-mapped metadata", "http://mapped.attacker.test/"],
  ["name with one public and one private address", "http://mixed.attacker.test/"],
  ["name to CGNAT metadata", "http://alibaba.attacker.test/"],
  ["https to loopback", "https://127.0.0.1/"],
  ["file scheme", "file:///etc/passwd"],
  ["gopher scheme", "gopher://127.0.0.1:6379/_INFO"],
  ["ftp scheme", "ftp://127.0.0.1/"],
  ["data scheme", "data:text/plain,hello"],
];

describe("requests from rooms refuse known SSRF bypasses", () => {
  it.each(BYPASSES)("refuses %s (%s)", async (_label, url) => {
    const before = target.received.length;
    const result = await get(url);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.outcome).toBe("REFUSED");
    expect(target.received.length).toBe(before);
  });

  it("counts at least 30 cases", () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(30);
  });
});

describe("redirects are checked hop by hop", () => {
  const allow = () => parseAllowRules([`127.0.0.1:${target.port}`]);
  const via = (to: string, status = 302) =>
    `${target.baseUrl}/redirect?${new URLSearchParams({ to, status: String(status) })}`;

  it.each([
    ["to cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["to IPv6 loopback on the same port", `http://[::1]:${0}/echo`],
    ["to a decimal spelling of another loopback address", "http://2130706434/"],
    ["to a private address (307 keeps the method)", "http://10.0.0.1/"],
    ["to a name that resolves to metadata", "http://metadata.google.internal/"],
    ["to file:", "file:///etc/passwd"],
  ])("refuses a redirect %s", async (_label, to) => {
    const result = await get(via(to.replace(":0/", `:${target.port}/`), 307), { allow: allow() });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.outcome).toBe("REFUSED");
    expect(result.redirects).toHaveLength(1);
  });

  it("follows a redirect that stays on an allowed target, and stops after five", async () => {
    const ok = await get(via(`${target.baseUrl}/json`), { allow: allow() });
    expect(ok.ok && ok.status).toBe(200);
    expect(ok.redirects).toEqual([`${target.baseUrl}/json`]);

    let url = `${target.baseUrl}/json`;
    for (let i = 0; i < 6; i++) url = via(url);
    const loop = await get(url, { allow: allow() });
    expect(loop.ok === false && loop.message).toMatch(/after 5 redirects/);
  });
});

describe("DNS rebinding", () => {
  it("connects to the address it checked: a name that answers differently the second time is refused on the redirect", async () => {
    // rebind.attacker.test answers the allowed local target first (standing in for a
    // harmless public address) and then another loopback address (the "internal" one).
    let answer = 0;
    const rebinding: Resolver = async () => [{ address: answer++ === 0 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    const allow = parseAllowRules([`127.0.0.1:${target.port}`]);
    const first = `http://rebind.attacker.test:${target.port}/echo`;
    const before = target.received.length;
    const once = await safeFetch(
      { method: "GET", url: first, headers: [] },
      { ...defaults, allow, resolve: rebinding },
    );
    expect(once.ok && once.remoteAddress).toBe("127.0.0.1");
    expect(answer).toBe(1); // resolved once, at connect time: nothing to swap afterwards
    expect(target.received.length).toBe(before + 1);

    const again = await safeFetch(
      { method: "GET", url: `${target.baseUrl}/redirect?to=${encodeURIComponent(first)}`, headers: [] },
      { ...defaults, allow, resolve: rebinding },
    );
    expect(again.ok).toBe(false);
    expect(again.ok === false && again.message).toMatch(/127\.0\.0\.2 is a loopback address/);
  });
});

describe("the local target", () => {
  it("is refused by default and reachable only when allowed", async () => {
    const refused = await get(`${target.baseUrl}/json`);
    expect(refused.ok === false && refused.outcome).toBe("REFUSED");
    const otherPort = await get(`${target.baseUrl}/json`, { allow: parseAllowRules([`127.0.0.1:${target.port + 1}`]) });
    expect(otherPort.ok).toBe(false);
    const allowed = await get(`${target.baseUrl}/json`, { allow: parseAllowRules([`127.0.0.1:${target.port}`]) });
    expect(allowed.ok && allowed.status).toBe(200);
    expect(allowed.ok && JSON.parse(allowed.body.toString())).toMatchObject({ object: "payment_intent" });
  });

  it("sends only the headers it was given, drops credentials on a cross-origin redirect, and caps the response", async () => {
    const allow = parseAllowRules([`127.0.0.1:${target.port}`, `localhost:${target.port}`]);
    const echoed = await safeFetch(
      {
        method: "POST",
        url: `${target.baseUrl}/echo`,
        headers: [
          ["Authorization", "Bearer t0k"],
          ["Host", "evil.example"],
          ["X-Trace", "1"],
        ],
        body: '{"a":1}',
      },
      { ...defaults, allow },
    );
    const seen = JSON.parse((echoed.ok && echoed.body.toString()) || "{}");
    expect(seen.headers).toMatchObject({
      authorization: "Bearer t0k",
      "x-trace": "1",
      host: `127.0.0.1:${target.port}`,
    });
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.body).toBe('{"a":1}');

    const crossOrigin = await safeFetch(
      {
        method: "GET",
        url: `${target.baseUrl}/redirect?to=${encodeURIComponent(`http://localhost:${target.port}/echo`)}`,
        headers: [["Authorization", "Bearer t0k"]],
      },
      { ...defaults, allow },
    );
    expect(JSON.parse((crossOrigin.ok && crossOrigin.body.toString()) || "{}").headers.authorization).toBeUndefined();

    const big = await get(`${target.baseUrl}/big?bytes=2000`, { allow, maxResponseBytes: 1000 });
    expect(big.ok === false && big.outcome).toBe("FAILED");
    expect(big.ok === false && big.message).toMatch(/larger than 1 kB/);
    const gzip = await get(`${target.baseUrl}/gzip`, { allow });
    expect(gzip.ok && JSON.parse(gzip.body.toString())).toEqual({ compressed: true });
    const slow = await get(`${target.baseUrl}/slow?ms=2000`, { allow, timeoutMs: 300 });
    expect(slow.ok === false && slow.message).toMatch(/within 0.3 s/);
  });
});
