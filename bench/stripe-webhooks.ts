import { randomUUID } from "node:crypto";
import pg from "pg";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { startFakeStripe, type StripeEvent } from "../tests/support/fake-stripe";
import { summarize } from "./lib/stats";

/**
 * Stripe webhook handling throughput through the real endpoint of the built app: signature
 * verification (the SDK's constructEvent), the event-id record, the organisation's lock, the
 * snapshot comparison and the derived tier, one transaction per event. ORGS organisations each
 * go through a subscription's life (created, invoices, seat changes, a failed renewal, recovery,
 * cancellation: 9 events), delivered shuffled within a window of WINDOW events (out of order)
 * with a fifth of them delivered twice, by 1 and then CLIENTS concurrent senders. Afterwards every
 * organisation must hold the newest snapshot: a wrong answer fails the run.
 *
 *   npx tsx bench/stripe-webhooks.ts [orgs=150] [clients=4]
 */
const ORGS = Number(process.argv[2] ?? 150);
const CLIENTS = Number(process.argv[3] ?? 4);
const WINDOW = 20;
const env = {
  STRIPE_SECRET_KEY: "sk_test_bench",
  STRIPE_WEBHOOK_SECRET: "whsec_bench_0123456789",
  STRIPE_PRICE_PRO: "price_bench_pro",
  STRIPE_PRICE_ENTERPRISE: "price_bench_enterprise",
};

const services = await startServices();
const stripe = await startFakeStripe({
  apiKey: env.STRIPE_SECRET_KEY,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  prices: [
    { id: env.STRIPE_PRICE_PRO, unitAmount: 1200 },
    { id: env.STRIPE_PRICE_ENTERPRISE, unitAmount: 4900 },
  ],
});
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_webhooks", { ...env, STRIPE_API_URL: stripe.baseUrl });
  stripe.setWebhookUrl(`${app.baseUrl}/api/stripe/webhook`);
  const db = new pg.Client({ connectionString: app.env.DATABASE_URL });
  db.on("error", () => {});
  await db.connect();

  /** Organisations with a Stripe customer each, and one subscription's life of events per organisation. */
  async function scenario(label: string) {
    const timelines: { organizationId: string; subscriptionId: string; events: StripeEvent[] }[] = [];
    for (let i = 0; i < ORGS; i++) {
      const organizationId = randomUUID();
      const customer = `cus_bench_${label}_${i}`;
      await db.query(
        `INSERT INTO "Organization" (id, name, slug, "stripeCustomerId", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
        [organizationId, `Bench ${i}`, `bench-${organizationId}`, customer],
      );
      timelines.push({
        organizationId,
        subscriptionId: `sub_bench_${label}_${i}`,
        events: lifeOf(organizationId, customer, `${label}_${i}`),
      });
    }
    const deliveries = timelines.flatMap((t) => t.events);
    // A fifth of the events are delivered twice (Stripe's retries), then everything moves around.
    const all = deliveries.flatMap((e, i) => (i % 5 === 0 ? [e, e] : [e]));
    shuffleWithin(all, WINDOW);
    return { timelines, all, unique: deliveries.length };
  }

  async function run(label: string, clients: number) {
    const { timelines, all, unique } = await scenario(label);
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < all.length) {
          const event = all[next++]!;
          const sent = performance.now();
          const delivery = await stripe.deliver(event);
          latencies.push(performance.now() - sent);
          if (delivery.status !== 200) throw new Error(`delivery refused: ${delivery.status} ${delivery.body}`);
          const { outcome } = JSON.parse(delivery.body) as { outcome: string };
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Every organisation must end on the newest snapshot: canceled, Free, 4 seats.
    const { rows } = await db.query(
      `SELECT s.id, s.status, s.seats, s."snapshotEventId", o.tier FROM "BillingSubscription" s
       JOIN "Organization" o ON o.id = s."organizationId" WHERE s.id = ANY($1)`,
      [timelines.map((t) => t.subscriptionId)],
    );
    const newest = new Map(
      timelines.map((t) => [t.subscriptionId, t.events.filter((e) => e.type.startsWith("customer.")).at(-1)!.id]),
    );
    const wrong = rows.filter(
      (r) => r.status !== "canceled" || r.tier !== "FREE" || r.seats !== 4 || r.snapshotEventId !== newest.get(r.id),
    );
    if (rows.length !== ORGS || wrong.length)
      throw new Error(`${wrong.length} of ${rows.length} organisations ended in the wrong state`);
    console.log(
      `${label}: ${all.length.toLocaleString("en")} deliveries (${unique.toLocaleString("en")} events + ${(all.length - unique).toLocaleString("en")} duplicates) in ${seconds.toFixed(1)} s = ${Math.round(all.length / seconds)} deliveries/s`,
    );
    console.log(
      `  outcomes ${JSON.stringify(outcomes)}; per delivery ${summarize(latencies).text}; all ${ORGS} organisations correct`,
    );
    return all.length / seconds;
  }

  // The floor on this machine now: a request that reads PostgreSQL once, sequentially.
  const floor: number[] = [];
  for (let i = 0; i < 200; i++) {
    const sent = performance.now();
    await (await fetch(`${app.baseUrl}/healthz`)).text();
    floor.push(performance.now() - sent);
  }
  console.log(`GET /healthz (one PostgreSQL read), 1 client: ${summarize(floor).text}`);
  const one = await run("1 sender", 1);
  const many = await run(`${CLIENTS} senders`, CLIENTS);
  console.log(`Ratio in this run: ${CLIENTS} senders / 1 sender = ${(many / one).toFixed(2)}`);
  await db.end();
  await app.stop();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stripe.close();
  await services.stop();
}

/** One subscription's life as Stripe reports it, each event a second after the last. */
function lifeOf(organizationId: string, customer: string, key: string): StripeEvent[] {
  const t0 = 1_800_000_000;
  const subscription = (status: string, seats: number, extra: Record<string, unknown> = {}) => ({
    id: `sub_bench_${key}`,
    object: "subscription",
    customer,
    status,
    cancel_at_period_end: false,
    metadata: { organizationId },
    items: {
      object: "list",
      data: [
        {
          id: `si_bench_${key}`,
          object: "subscription_item",
          quantity: seats,
          current_period_start: t0,
          current_period_end: t0 + 30 * 86_400,
          price: {
            id: env.STRIPE_PRICE_PRO,
            object: "price",
            unit_amount: 1200,
            currency: "usd",
            recurring: { interval: "month" },
          },
        },
      ],
    },
    ...extra,
  });
  const invoice = (n: number, status: string, paid: boolean) => ({
    id: `in_bench_${key}_${n}`,
    object: "invoice",
    customer,
    number: `BENCH-${n}`,
    status,
    currency: "usd",
    total: 3600,
    amount_due: 3600,
    amount_paid: paid ? 3600 : 0,
    created: t0 + n,
    period_start: t0,
    period_end: t0 + 30 * 86_400,
    attempt_count: 1,
    next_payment_attempt: paid ? null : t0 + 3 * 86_400,
    parent: { subscription_details: { subscription: `sub_bench_${key}`, metadata: { organizationId } } },
  });
  const at = (second: number) => ({ created: t0 + second });
  return [
    stripe.event("customer.subscription.created", subscription("active", 3), at(0)),
    stripe.event("invoice.finalized", invoice(1, "open", false), at(1)),
    stripe.event("invoice.paid", invoice(1, "paid", true), at(2)),
    stripe.event("customer.subscription.updated", subscription("active", 5), at(3)),
    stripe.event("invoice.payment_failed", invoice(2, "open", false), at(4)),
    stripe.event("customer.subscription.updated", subscription("past_due", 5), at(5)),
    stripe.event("customer.subscription.updated", subscription("active", 4), at(6)),
    stripe.event("invoice.paid", invoice(2, "paid", true), at(7)),
    stripe.event("customer.subscription.deleted", subscription("canceled", 4, { ended_at: t0 + 8 }), at(8)),
  ];
}

/** Out of order, but not arbitrarily: each delivery moves at most `window` places, as retries and parallel sends do. */
function shuffleWithin<T>(items: T[], window: number) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < items.length; i++) {
    const j = Math.min(items.length - 1, i + Math.floor(random() * window));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
