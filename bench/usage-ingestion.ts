import pg from "pg";
import { CookieClient } from "../tests/support/browserless-client";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { DEMO_USERS } from "../prisma/demo/users";
import { summarize } from "./lib/stats";

/**
 * Ingestion throughput through the real endpoint (HTTP, token auth, validation, one
 * transaction per batch with the month-to-date counters and daily aggregates) against the
 * built app and an embedded PostgreSQL on this machine. BATCHES batches of 1,000 events
 * over the demo organisation's 10 subscriptions, sent by 1 client and then by CLIENTS
 * clients at once; then every batch again, as retries (all duplicates).
 *
 *   npx tsx bench/usage-ingestion.ts [batches=40] [clients=4]
 */
const BATCHES = Number(process.argv[2] ?? 40);
const CLIENTS = Number(process.argv[3] ?? 4);
const BATCH_SIZE = 1000;

const services = await startServices();
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_ingestion");
  const ada = DEMO_USERS[0];
  const client = new CookieClient(app.baseUrl);
  await client.logIn(ada.email, ada.password);

  // What each demo subscription may report: its plan's priced (operation, unit) pairs.
  const db = new pg.Client({ connectionString: app.env.DATABASE_URL });
  db.on("error", () => {}); // the database stops before this client when something failed
  await db.connect();
  const { rows: org } = await db.query(`SELECT id FROM "Organization" WHERE slug = 'acme-robotics'`);
  const { rows: priced } = await db.query(`
    SELECT s.id AS "subscriptionId", p.operation, p.unit
    FROM "Subscription" s JOIN "PlanUnitPrice" p ON p."planId" = s."planId"
    WHERE p.operation IS NOT NULL`);
  const created = await client.request(`/orgs/${org[0].id}/ingestion-tokens`, {
    method: "POST",
    form: { intent: "create", name: "bench" },
  });
  const token = /amp_ingest_[A-Za-z0-9_-]{43}/.exec(await created.text())![0];

  let serial = 0;
  const now = Date.now();
  const batch = () =>
    Array.from({ length: BATCH_SIZE }, () => {
      const kind = priced[serial % priced.length];
      serial++;
      return {
        eventId: `bench-${serial}`,
        subscriptionId: kind.subscriptionId,
        operation: kind.operation,
        units: { [kind.unit]: 1 + (serial % 7) },
        occurredAt: new Date(now - ((serial * 7919) % (20 * 86_400)) * 1000).toISOString(),
      };
    });
  const send = async (events: unknown[]) => {
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}/api/usage/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
    });
    const body = (await response.json()) as { accepted: number; duplicates: string[]; rejected: unknown[] };
    if (response.status !== 200 || body.rejected.length)
      throw new Error(`batch refused: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - started, accepted: body.accepted, duplicates: body.duplicates.length };
  };

  async function run(label: string, batches: unknown[][], clients: number) {
    const latencies: number[] = [];
    let accepted = 0;
    let duplicates = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < batches.length) {
          const result = await send(batches[next++]!);
          latencies.push(result.ms);
          accepted += result.accepted;
          duplicates += result.duplicates;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const events = batches.length * BATCH_SIZE;
    console.log(
      `${label}: ${events.toLocaleString("en")} events in ${seconds.toFixed(1)} s = ${Math.round(events / seconds).toLocaleString("en")} events/s`,
    );
    console.log(
      `  accepted ${accepted.toLocaleString("en")}, duplicates ${duplicates.toLocaleString("en")}; per batch ${summarize(latencies).text}`,
    );
    return events / seconds;
  }

  await run("warm-up", [batch(), batch()], 1);
  const one = Array.from({ length: BATCHES }, batch);
  const many = Array.from({ length: BATCHES }, batch);
  console.log(`\nIngestion, batches of ${BATCH_SIZE}, ${priced.length} (subscription, operation) kinds over 20 days:`);
  const a = await run("1 client", one, 1);
  const b = await run(`${CLIENTS} clients`, many, CLIENTS);
  const c = await run(`${CLIENTS} clients, every batch again (retries)`, [...one, ...many], CLIENTS);
  console.log(
    `Ratios in this run: ${CLIENTS} clients / 1 client = ${(b / a).toFixed(2)}; retries / new = ${(c / b).toFixed(2)}`,
  );
  const { rows: counts } = await db.query(`SELECT count(*)::int AS n FROM "UsageEvent"`);
  console.log(
    `UsageEvent rows: ${counts[0].n.toLocaleString("en")} (expected ${((2 + 2 * BATCHES) * BATCH_SIZE).toLocaleString("en")})`,
  );
  await db.end();
  await app.stop();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await services.stop();
}
