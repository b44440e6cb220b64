import { createDatabase, startServices, TEMPLATE_DB } from "../scripts/lib/test-stack";
import { summarize } from "./lib/stats";

/**
 * A 12-month spend chart over EVENTS usage events. The events go through the real
 * ingestion code (in this process, batches of 1,000, two at a time) into a fresh database,
 * spread over 12 months and 10 subscriptions of 2 teams. Then the chart a canvas draws
 * (12 monthly buckets per subscription, and per team) is timed as the app computes it,
 * from the daily aggregates, next to the same chart computed from the raw events.
 *
 *   npx tsx bench/spend-chart.ts [events=1000000] [runs=15]
 */
const EVENTS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 15);
const BATCH = 1000;

const services = await startServices();
try {
  const url = await createDatabase(services.adminUrl, "bench_spend_chart", TEMPLATE_DB);
  Object.assign(process.env, { ...services.env, DATABASE_URL: url, NODE_ENV: "production" });
  const { prisma } = await import("../app/db/client.server");
  const { ingestUsage } = await import("../app/usage/ingestion.server");
  const { spendSeries } = await import("../app/usage/spend.server");
  const { costDataFor } = await import("../app/canvas/cost-data.server");
  const { periodRange } = await import("../app/canvas/period");
  const { toDay } = await import("../app/time/days");

  const today = toDay(new Date());
  const { from, to } = periodRange("12m", today);
  const org = await prisma.organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  const api = await prisma.api.create({
    data: {
      slug: `bench-${Date.now()}`,
      name: "Bench API",
      provider: "Bench",
      category: "ai",
      description: "",
      baseUrl: "https://bench.test",
      openApiSpec: {},
      plans: {
        create: {
          name: "PAYG",
          unitPrices: {
            create: [{ unit: "request", operation: null, pricePerUnit: 0.001, includedUnits: BigInt(1000) }],
          },
        },
      },
    },
    include: { plans: true },
  });
  const teams = await Promise.all(
    ["Platform", "Data"].map((name) => prisma.team.create({ data: { organizationId: org.id, name } })),
  );
  const subscriptions = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      prisma.subscription.create({
        data: { teamId: teams[i % 2]!.id, planId: api.plans[0]!.id, startedAt: new Date(`${from}T00:00:00Z`) },
      }),
    ),
  );

  // Ingest: events spread evenly over the 12 months, up to now.
  const start = new Date(`${from}T00:00:00Z`).getTime();
  const span = Date.now() - 60_000 - start;
  let made = 0;
  const nextBatch = () => {
    const events = [];
    for (let i = 0; i < BATCH && made < EVENTS; i++, made++) {
      events.push({
        eventId: `e${made}`,
        subscriptionId: subscriptions[made % subscriptions.length]!.id,
        operation: ["list", "create", "search"][made % 3],
        units: 1 + (made % 5),
        occurredAt: new Date(start + Math.floor((made / EVENTS) * span)).toISOString(),
      });
    }
    return events;
  };
  const ingestStarted = performance.now();
  await Promise.all(
    [0, 1].map(async () => {
      for (;;) {
        const events = nextBatch();
        if (events.length === 0) return;
        const result = await ingestUsage(org.id, events);
        if (result.rejected.length) throw new Error(JSON.stringify(result.rejected[0]));
      }
    }),
  );
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  const [{ events, records }] = (await prisma.$queryRaw<{ events: number; records: number }[]>`
    SELECT (SELECT count(*) FROM "UsageEvent")::int AS events, (SELECT count(*) FROM "UsageRecord")::int AS records`) as [
    { events: number; records: number },
  ];
  console.log(
    `\nIngested ${events.toLocaleString("en")} events in ${ingestSeconds.toFixed(0)} s (${Math.round(events / ingestSeconds).toLocaleString("en")} events/s in-process, 2 batches at a time); ${records.toLocaleString("en")} daily aggregate rows.`,
  );
  // Fresh statistics, as autovacuum would have gathered by then.
  await prisma.$executeRawUnsafe(`ANALYZE "UsageEvent"`);
  await prisma.$executeRawUnsafe(`ANALYZE "UsageRecord"`);

  const ids = subscriptions.map((s) => s.id);
  const time = async (label: string, fn: () => Promise<unknown>) => {
    await fn(); // warm
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    const s = summarize(samples);
    console.log(`  ${label}: ${s.text}`);
    return s.p50;
  };
  console.log(`12-month spend chart (${from} to ${to}, monthly buckets), ${RUNS} runs each:`);
  const bySubscription = await time("per subscription, from daily aggregates (spendSeries)", () =>
    spendSeries({ organizationId: org.id, from, to, groupBy: "subscription", bucket: "month", ids }),
  );
  await time("per team, from daily aggregates (spendSeries)", () =>
    spendSeries({ organizationId: org.id, from, to, groupBy: "team", bucket: "month" }),
  );
  await time("the canvas's whole answer for the chart shape (costDataFor)", () =>
    costDataFor(org.id, [{ kind: "chart", groupBy: "subscription", ids, period: "12m" }]),
  );
  const raw = await time(
    "per subscription, from the raw events instead",
    () =>
      prisma.$queryRaw`
      SELECT "subscriptionId", date_trunc('month', "occurredAt")::date AS month, SUM("costUsd")::float8 AS cost
      FROM "UsageEvent" WHERE "organizationId" = ${org.id} AND "occurredAt" >= ${new Date(`${from}T00:00:00Z`)}
      GROUP BY 1, 2`,
  );
  console.log(`Ratio of medians, raw events / daily aggregates: ${(raw / bySubscription).toFixed(1)}x`);
  await prisma.$disconnect();
} finally {
  await services.stop();
}
