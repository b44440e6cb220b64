import { describe, expect, it } from "vitest";
import { isProviderUrl, providerOrigins } from "~/catalog/provider-hosts";
import { clientNetwork } from "~/http/client-address";
import { storableText, unsafeTextIssues, unsafeTextProblem } from "~/http/text-safety";
import { addressRange } from "~/requests/address-policy.server";
import { orgKeysUsedBy } from "~/requests/org-keys";
import { redactor } from "~/requests/redaction";
import { demoPlan } from "../../scripts/lib/demo-plan";
import { checkSyncEngineExposure, isLoopbackHost } from "../../server/startup-checks";
import { CATALOG } from "../../prisma/demo/catalog";

/** The pure rules behind issue 19's fixes (their HTTP-level regressions are in tests/security). */
describe("an organisation key's provider origins, from the catalog", () => {
  const algolia = CATALOG.find((a) => a.slug === "algolia")!;
  const twilio = CATALOG.find((a) => a.slug === "twilio")!;

  it("accept the provider's https hosts, templates filling one label, and path-level servers", () => {
    const origins = providerOrigins(algolia);
    expect(isProviderUrl(new URL("https://latency-dsn.algolia.net/1/indexes/x/query"), origins)).toBe(true);
    expect(isProviderUrl(new URL("https://latency.algolia.net/1/indexes/x"), origins)).toBe(true);
    expect(isProviderUrl(new URL("https://verify.twilio.com/v2/Services"), providerOrigins(twilio))).toBe(true);
  });

  it.each([
    ["plain http", "http://latency-dsn.algolia.net/"],
    ["another port", "https://latency-dsn.algolia.net:8443/"],
    ["a template stretched over two labels", "https://a.b-dsn.algolia.net/"],
    ["the provider's name as a subdomain elsewhere", "https://latency-dsn.algolia.net.evil.example/"],
    ["the provider's name in the path", "https://evil.example/latency-dsn.algolia.net"],
    ["loopback", "https://127.0.0.1/"],
  ])("refuse %s (%s)", (_label, url) => {
    expect(isProviderUrl(new URL(url), providerOrigins(algolia))).toBe(false);
  });

  it("never turn a template that is all variable into a wildcard", () => {
    expect(
      providerOrigins({ baseUrl: "https://{host}/api", openApiSpec: { servers: [{ url: "https://{a}.{b}" }] } }),
    ).toEqual([]);
  });
});

describe("text that cannot be stored", () => {
  it("is found field by field, keys and deep nesting included", () => {
    expect(unsafeTextProblem("fine ünïcödé 🙂")).toBeNull();
    expect(unsafeTextProblem("a\u0000b")).toMatch(/NUL/);
    expect(unsafeTextProblem("a\uD800b")).toMatch(/unpaired surrogate/);
    expect(unsafeTextProblem("\uDC00")).toMatch(/unpaired surrogate/);
    const issues = unsafeTextIssues({ events: [{ ok: "yes" }, { eventId: "x\u0000" }], ["k\u0000"]: 1 });
    // A bad field name is said of the object holding it (the form, at the top), where a page can show it.
    expect(issues.map((i) => i.path.join("."))).toEqual(["", "events.1.eventId"]);
    expect(issues[0]!.message).toMatch(/^A field name contains a NUL/);
    expect(issues[1]!.message).toMatch(/^events\.1\.eventId contains a NUL/);
    let deep: unknown = "leaf";
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(unsafeTextIssues(deep)[0]!.message).toMatch(/nested more than 64 levels/);
  });

  it("from outside is made storable", () => {
    expect(storableText("a\u0000b\uD800c🙂")).toBe("a\uFFFDb\uFFFDc🙂");
  });
});

describe("secret redaction", () => {
  it("masks a secret whatever its case, URL-encoded, and the headers built from it", () => {
    const redact = redactor(new Map([["TOKEN", "AbC+dEf/123"]]), [["Authorization", "Bearer AbC+dEf/123"]]);
    expect(redact("host abc+def/123.example")).toBe("host ••••••.example");
    expect(redact("?t=AbC%2BdEf%2F123&u=ABC+DEF/123")).toBe("?t=••••••&u=••••••");
    expect(redact("Bearer AbC+dEf/123")).toBe("••••••");
    expect(redactor(new Map(), [])("nothing to hide")).toBe("nothing to hide");
  });
});

describe("the address policy's IPv4-in-IPv6 prefixes", () => {
  it.each([
    ["::7f00:1", "ipv4Compatible"],
    ["::127.0.0.1", "ipv4Compatible"],
    ["::8.8.8.8", "ipv4Compatible"],
    ["64:ff9b:1::a9fe:a9fe", "rfc8215"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["2606:4700::1111", "unicast"],
  ])("%s is %s", (address, range) => {
    expect(addressRange(address)).toBe(range);
  });
});

describe("which organisation keys a Send would use (the confirmation's rule)", () => {
  const orgKeys = [
    { name: "STRIPE_API_KEY", apiName: "Stripe API", hosts: ["api.stripe.com"] },
    { name: "TWILIO_API_KEY", apiName: "Twilio", hosts: ["api.twilio.com"] },
  ];
  const draft = {
    method: "POST",
    url: "https://api.stripe.com/v1/charges",
    query: [],
    headers: [{ id: "h", enabled: true, name: "X-Other", value: "{{TWILIO_API_KEY}}" }],
    auth: {
      type: "bearer" as const,
      token: "{{STRIPE_API_KEY}}",
      username: "",
      password: "",
      keyName: "",
      keyValue: "",
      keyIn: "header" as const,
    },
    bodyType: "",
    body: "",
  };

  it("counts keys the request names, unless a shared value or my own secret stands in", () => {
    expect(orgKeysUsedBy(draft, null, [], orgKeys).map((k) => k.name)).toEqual(["STRIPE_API_KEY", "TWILIO_API_KEY"]);
    const environment = { id: "e", variables: [{ name: "TWILIO_API_KEY", secret: false }] };
    expect(orgKeysUsedBy(draft, environment, [{ environmentId: "e", name: "STRIPE_API_KEY" }], orgKeys)).toEqual([]);
  });
});

describe("start-up rules", () => {
  it("keep the local sync engine off the network unless told", () => {
    for (const host of ["127.0.0.1", "127.8.0.1", "localhost", "::1", "[::1]"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "10.0.0.4", "app.example.com"]) expect(isLoopbackHost(host), host).toBe(false);
    expect(checkSyncEngineExposure("0.0.0.0", {})).toMatch(/Refusing to listen on 0\.0\.0\.0/);
    expect(checkSyncEngineExposure("0.0.0.0", { LIVEBLOCKS_SECRET_KEY: "sk_localdev" })).not.toBeNull();
    expect(checkSyncEngineExposure("0.0.0.0", { ALLOW_LOCAL_SYNC_ON_NETWORK: "true" })).toBeNull();
    expect(checkSyncEngineExposure("0.0.0.0", { LIVEBLOCKS_SECRET_KEY: "sk_prod_abc" })).toBeNull();
    expect(checkSyncEngineExposure("127.0.0.1", {})).toBeNull();
  });

  it("seed demo data into the embedded database, or on request with random passwords, never otherwise", () => {
    expect(demoPlan({ embedded: true, demoFlag: false, empty: true })).toEqual({ seed: true, passwords: "published" });
    expect(demoPlan({ embedded: false, demoFlag: false, empty: true })).toEqual({ seed: false });
    expect(demoPlan({ embedded: false, demoFlag: true, empty: true })).toEqual({ seed: true, passwords: "random" });
    expect(demoPlan({ embedded: true, demoFlag: true, empty: false })).toEqual({ seed: false });
  });
});

describe("who a logged-out viewer is", () => {
  const from = (address: string, userAgent = "x") =>
    clientNetwork(new Request("http://app/", { headers: { "x-client-address": address, "user-agent": userAgent } }));

  it("is their network, whatever headers they send", () => {
    expect(from("203.0.113.9", "a")).toBe(from("203.0.113.9", "b"));
    expect(from("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(from("2001:db8:1:2:aaaa::1")).toBe(from("2001:db8:1:2:bbbb::2"));
    expect(from("2001:db8:1:2::1")).not.toBe(from("2001:db8:1:3::1"));
  });
});
