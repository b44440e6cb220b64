import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowRules } from "~/requests/address-policy.server";
import { safeFetch, type Resolver, type SafeFetchOptions } from "~/requests/safe-fetch.server";
import { hostileResolver } from "../security/ssrf-cases";
import { startHttpTarget } from "../support/http-target";

/**
 * The guarded client's own behaviour: redirects checked hop by hop, DNS rebinding, and a
 * local target reachable only when the operator allows it. The table of known SSRF
 * bypasses runs in the security suite (tests/security/ssrf.test.ts). Host names are
 * answered by a resolver that behaves like a hostile name server.
 */
let target: Awaited<ReturnType<typeof startHttpTarget>>;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

const defaults: SafeFetchOptions = {
  allow: [],
  timeoutMs: 5000,
  maxResponseBytes: 1_000_000,
  resolve: hostileResolver,
};
const get = (url: string, options: Partial<SafeFetchOptions> = {}) =>
  safeFetch({ method: "GET", url, headers: [] }, { ...defaults, ...options });

describe("redirects are followed by hand (the refused ones are in tests/security/ssrf.test.ts)", () => {
  const allow = () => parseAllowRules([`127.0.0.1:${target.port}`]);
  const via = (to: string, status = 302) =>
    `${target.baseUrl}/redirect?${new URLSearchParams({ to, status: String(status) })}`;

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

describe("a rule for every address visited (an organisation key's hosts)", () => {
  it("refuses a redirect that leaves the allowed hosts, before connecting to it", async () => {
    const allow = parseAllowRules([`127.0.0.1:${target.port}`, `localhost:${target.port}`]);
    const mayVisit = (url: URL) => (url.hostname === "127.0.0.1" ? null : `the key may not go to ${url.host}`);
    const before = target.received.length;
    const result = await safeFetch(
      {
        method: "GET",
        url: `${target.baseUrl}/redirect?to=${encodeURIComponent(`http://localhost:${target.port}/echo`)}`,
        headers: [["X-Key", "org-secret"]],
      },
      { ...defaults, allow, mayVisit },
    );
    expect(result.ok === false && result.outcome).toBe("REFUSED");
    expect(result.ok === false && result.message).toBe(`the key may not go to localhost:${target.port}`);
    expect(target.received.length).toBe(before + 1); // the first hop only
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
