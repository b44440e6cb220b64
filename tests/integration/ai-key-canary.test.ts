import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeAnthropicForTheApp } from "../support/ai-test-app";
import type { FakeAnthropic } from "../support/fake-anthropic";

const fake: FakeAnthropic = await fakeAnthropicForTheApp();

const { prisma } = await import("~/db/client.server");
const { storeApiKey } = await import("~/keys/api-keys.server");
const { decryptSecret } = await import("~/keys/secret-box.server");
const { startTestApp } = await import("../support/app-server");
const { CookieClient } = await import("../support/browserless-client");
const { TEST_PASSWORD } = await import("../support/factories");
const { aiChatSetup, answersSettled, ensureCatalogApi, roomStorage } = await import("../support/ai");

// Everything this process prints (the app runs in-process), to search for the canary.
const printed: string[] = [];
const capture = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    printed.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
};
capture(process.stdout);
capture(process.stderr);
// vitest routes console.* around the streams, so catch those calls as well.
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
    original(...args);
  };
}

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

describe("a stored provider key never leaves the keys table", () => {
  it("reaches neither the model request, the room, the database (but its ciphertext), the page nor the logs", async () => {
    const CANARY = `sk_live_CANARY${randomBytes(12).toString("hex")}`;
    const { owner, workspace, document } = await aiChatSetup("PRO");
    const api = await ensureCatalogApi("stripe");
    const team = await prisma.team.create({ data: { organizationId: workspace.organizationId, name: "Payments" } });
    const subscription = await prisma.subscription.create({ data: { teamId: team.id, planId: api.plans[0]!.id } });
    const stored = await storeApiKey({
      organizationId: workspace.organizationId,
      subscriptionId: subscription.id,
      label: "Stripe live",
      envVarName: "ACME_STRIPE_SECRET",
      secret: CANARY,
      createdById: owner.id,
    });

    const client = new CookieClient(app.baseUrl);
    await client.logIn(owner.email, TEST_PASSWORD);
    const before = fake.requests.length;
    for (const question of [
      { mode: "GENERATE", prompt: "Create a PaymentIntent with my live key" },
      { mode: "EXPLAIN", code: "const stripe = new Stripe(process.env.ACME_STRIPE_SECRET)" },
      { mode: "DEBUG", code: "await stripe.charges.list()", errorText: "401: Invalid API Key provided" },
    ]) {
      const res = await client.request(`/w/${workspace.id}/d/${document.id}/ask`, {
        method: "POST",
        json: { language: "typescript", apiSlug: "stripe", ...question },
      });
      expect(res.status).toBe(202);
    }
    await answersSettled(document.id, 3);
    const page = await (await client.request(`/w/${workspace.id}/d/${document.id}`)).text();

    // The canary was really there to leak: the key row decrypts to it.
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: stored.id } });
    expect(decryptSecret(row.ciphertext)).toBe(CANARY);

    // 1. The model requests name the key's environment variable, never its value.
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      expect(request.raw).not.toContain(CANARY);
      expect(request.raw).toContain("ACME_STRIPE_SECRET");
      expect(JSON.stringify(request.headers)).not.toContain(CANARY);
    }
    // 2. The room, as any participant loads it.
    const storage = JSON.stringify(await roomStorage(document.roomId));
    expect(storage).not.toContain(CANARY);
    expect(storage).not.toContain(CANARY.slice(-12));
    // 3. The database: every row of every table, as text. Only the ciphertext holds the key, encrypted.
    const tables = await prisma.$queryRaw<
      { tablename: string }[]
    >`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    for (const { tablename } of tables) {
      const hits = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${tablename}" t WHERE row_to_json(t)::text LIKE $1`,
        `%${CANARY.slice(7)}%`,
      );
      expect({ table: tablename, hits: hits[0]!.n }).toEqual({ table: tablename, hits: 0 });
    }
    // 4. The page the browser gets, and 5. everything logged while all of this ran.
    expect(page).not.toContain(CANARY);
    expect(printed.join("")).not.toContain(CANARY);
    expect(printed.join("")).toMatch(/ai: generation .* completed/);
  });
});
