import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowRules } from "~/requests/address-policy.server";
import { policyFetch } from "~/requests/policy-fetch.server";
import { safeFetch } from "~/requests/safe-fetch.server";
import { checkBaseUrl, githubFetch } from "~/scans/github-connection.server";
import { startHttpTarget } from "../support/http-target";
import { Tally } from "./harness";
import { hostileResolver, SSRF_CASES, SSRF_REDIRECTS } from "./ssrf-cases";

/**
 * The SSRF table, through both ways the server connects to addresses people type: Send
 * (request rooms, safe-fetch) and GitHub Enterprise (the base URL check when connecting,
 * and the policy-checked fetch every later GitHub call goes through). Every case must be
 * refused before a connection is made; the local target counts what reaches it.
 */
let target: Awaited<ReturnType<typeof startHttpTarget>>;
const tally = new Tally();
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(async () => {
  tally.report("ssrf");
  await target.close();
});

const refusedByPolicy = async (attempt: Promise<unknown>) => {
  try {
    await attempt;
    return "connected";
  } catch (error) {
    for (let e: unknown = error, i = 0; e instanceof Error && i < 4; e = e.cause, i++)
      if (e.name === "AddressRefused") return "refused";
    return error instanceof TypeError && /not http or https/.test(error.message)
      ? "refused"
      : `failed: ${String(error)}`;
  }
};

describe("the SSRF table", () => {
  it("holds at least 78 cases", () => {
    expect(SSRF_CASES.length).toBeGreaterThanOrEqual(78);
  });

  it("Send refuses every case before connecting", async () => {
    const before = target.received.length;
    for (const [label, url] of SSRF_CASES) {
      const result = await safeFetch(
        { method: "GET", url, headers: [] },
        { allow: [], timeoutMs: 5000, maxResponseBytes: 1_000_000, resolve: hostileResolver },
      );
      tally.record(
        "Send",
        !result.ok && result.outcome === "REFUSED",
        `${label} (${url}): ${JSON.stringify(result).slice(0, 200)}`,
      );
    }
    expect(target.received.length).toBe(before);
    expect(tally.failures).toEqual([]);
  });

  it("GitHub Enterprise refuses every case as a base URL, and on every connection", async () => {
    const ghe = githubFetch({ resolve: hostileResolver });
    for (const [label, url] of SSRF_CASES) {
      const asHttps = url.replace(/^http:/, "https:");
      const checked = await checkBaseUrl(`${asHttps.replace(/\/$/, "")}/api/v3`, { resolve: hostileResolver });
      tally.record("GitHub Enterprise base URL", !checked.ok, `${label} (${asHttps}) was accepted`);
      const connection = await refusedByPolicy(ghe(`${asHttps.replace(/\/$/, "")}/api/v3/user`));
      tally.record("GitHub Enterprise connection", connection === "refused", `${label} (${asHttps}): ${connection}`);
    }
    expect(tally.failures).toEqual([]);
  });

  it("refuses redirects from an allowed target to each forbidden place, for Send and for GitHub", async () => {
    const allow = parseAllowRules([`127.0.0.1:${target.port}`]);
    const fetchAllowed = policyFetch({ allow, resolve: hostileResolver });
    for (const [label, to] of SSRF_REDIRECTS) {
      const via = `${target.baseUrl}/redirect?${new URLSearchParams({ to, status: "307" })}`;
      const sent = await safeFetch(
        { method: "GET", url: via, headers: [] },
        { allow, timeoutMs: 5000, maxResponseBytes: 1_000_000, resolve: hostileResolver },
      );
      tally.record(
        "Send redirect",
        !sent.ok && sent.outcome === "REFUSED",
        `${label}: ${JSON.stringify(sent).slice(0, 200)}`,
      );
      const github = await refusedByPolicy(fetchAllowed(via));
      tally.record("GitHub redirect", github === "refused", `${label}: ${github}`);
    }
    expect(tally.failures).toEqual([]);
  });
});
