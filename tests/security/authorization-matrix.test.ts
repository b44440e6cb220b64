import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { appRoutes, casesFor, expectationFor, meets, request, startSecurityApp, Tally, urlFor } from "./harness";
import { buildWorld, ROLES, type World } from "./world";

/**
 * The authorization matrix: every route of the app (from the build's route list) × GET and
 * POST × every role, against the rule in route-rules.ts. Outsiders are owners of another
 * organisation, so each of their cells is also a cross-organisation id swap. A route with no
 * rule, or a rule for a route that is gone, fails here.
 */
let app: Awaited<ReturnType<typeof startSecurityApp>>;
let world: World;
const tally = new Tally();

beforeAll(async () => {
  app = await startSecurityApp();
  world = await buildWorld();
}, 120_000);
afterAll(async () => {
  tally.report("matrix");
  await app?.close();
});

describe("the authorization matrix", () => {
  it("has a rule for every route, and no rule without a route", async () => {
    const { unruled, stale } = casesFor(await appRoutes());
    expect(unruled, "routes without a rule in tests/security/route-rules.ts").toEqual([]);
    expect(stale, "rules in tests/security/route-rules.ts whose route is gone").toEqual([]);
  });

  it("answers every route, method and role as its rule says", async () => {
    const { cases } = casesFor(await appRoutes());
    expect(cases.length).toBeGreaterThan(60);
    // Allowed roles act for real, so the refused roles go first (ROLES runs from anonymous
    // to owner), and each cell has its own session.
    for (const c of cases) {
      const url = urlFor(world, c);
      const body = c.method === "POST" ? (c.rule.body?.(world) ?? { json: {} }) : undefined;
      for (const role of ROLES) {
        await prisma.rateLimitBucket.deleteMany();
        const expected = expectationFor(c.rule.access, role);
        // Sessions only: an API token (the rule's headers) is for the fuzz, never for a role.
        const response = await request(app.baseUrl, world, role, c.method, url, body);
        const held = meets(expected, response);
        tally.record(
          `${c.method} ${c.route.file}`,
          held,
          `${c.label} as ${role}: expected ${expected}, got ${response.status} ${response.headers.get("location") ?? ""} ${held ? "" : (await response.text()).slice(0, 200)}`,
        );
        await response.body?.cancel().catch(() => {});
      }
    }
    expect(tally.failures, tally.failures.join("\n")).toEqual([]);
  }, 600_000);
});
