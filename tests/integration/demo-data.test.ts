import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { DEMO_USERS } from "../../prisma/demo/users";
import { seedDemoData } from "../../prisma/seed";

/** What `npm start` puts in an empty database: enough to try every capability at once. */
describe("demo data", () => {
  it("seeds the catalog, people, documents of every kind, usage, and request rooms with a request to send; and only once", async () => {
    const seeded = await seedDemoData(prisma);
    expect(seeded.seeded).toBe(true);

    expect(await prisma.api.count()).toBeGreaterThanOrEqual(10);
    // The demo's own people; the other marketplace organisations' people (for benchmarks) cannot log in.
    expect(await prisma.user.count({ where: { email: { endsWith: "@demo.apimarketplace.dev" } } })).toBe(
      DEMO_USERS.length,
    );
    expect(await prisma.user.count({ where: { passwordHash: { not: null } } })).toBe(DEMO_USERS.length);
    // Enough organisations for benchmark cohorts of five.
    expect(await prisma.organization.count()).toBeGreaterThanOrEqual(5);
    const kinds = await prisma.document.groupBy({ by: ["kind"], _count: true });
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k._count]))).toEqual({
      REQUEST: 2,
      AI: 2,
      CANVAS: 2,
      APPROVALS: 2,
    });
    const days = await prisma.usageRecord.groupBy({ by: ["day"] });
    expect(days.length).toBeGreaterThanOrEqual(90);

    const stripe = await prisma.document.findFirstOrThrow({ where: { title: "Create a Stripe PaymentIntent" } });
    const storage = (await liveblocks().getStorageDocument(stripe.roomId, "json")) as {
      request: { method: string; url: string; bodyType: string };
    };
    expect(storage.request).toMatchObject({
      method: "POST",
      url: "https://api.stripe.com/v1/payment_intents",
      bodyType: "application/x-www-form-urlencoded",
    });
    // The key is a placeholder the sender's secret or the organisation's managed key fills in, never a value.
    expect(JSON.stringify(storage.request)).toContain('"Bearer {{STRIPE_API_KEY}}"');
    const ydoc = (await liveblocks().getYjsDocument(stripe.roomId)) as { body?: string };
    expect(ydoc.body).toContain("amount=");

    expect((await seedDemoData(prisma)).seeded).toBe(false);
    // The seed runs the first anomaly detection over every series too: over a minute on a busy machine.
  }, 180_000);
});
