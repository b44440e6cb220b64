import os from "node:os";
import { createDatabase, startServices, TEMPLATE_DB } from "../../scripts/lib/test-stack";
import { summarize } from "../lib/stats";

/**
 * Incremental detection after an ingestion batch, against an embedded PostgreSQL holding the
 * demo data (its seed ran detection once, as `npm start` does). BATCHES batches of 1,000 events
 * spread over the demo organisation's subscriptions and the last 20 hours, each:
 * - ingested (ingestUsage: one transaction, as the endpoint does), which ends by calling
 *   usageIngested: that call is all detection adds to the request (it marks the series to
 *   replay and enqueues the coalesced detection job);
 * - then the detection job's work itself (detectForOrganization, incremental), which runs in
 *   the background worker, not in the request.
 *
 *   npx tsx bench/intelligence/incremental.ts [batches=20]
 */
const BATCHES = Number(process.argv[2] ?? 20);
const services = await startServices();
try {
  Object.assign(process.env, services.env, {
    DATABASE_URL: await createDatabase(services.adminUrl, "bench_intelligence", TEMPLATE_DB),
  });
  const { prisma } = await import("../../app/db/client.server");
  const { seedDemoData } = await import("../../prisma/seed");
  const { ingestUsage } = await import("../../app/usage/ingestion.server");
  const { usageIngested } = await import("../../app/intelligence/detection-job.server");
  const { detectForOrganization } = await import("../../app/intelligence/detection.server");
  const { stopBoss } = await import("../../app/jobs/boss.server");

  const seedStarted = performance.now();
  const { organizationId } = await seedDemoData(prisma);
  const seedMs = performance.now() - seedStarted;
  const priced = await prisma.$queryRaw<{ subscriptionId: string; operation: string; unit: string }[]>`
    SELECT s."id" AS "subscriptionId", p."operation", p."unit"
    FROM "Subscription" s JOIN "PlanUnitPrice" p ON p."planId" = s."planId" JOIN "Team" t ON t."id" = s."teamId"
    WHERE p."operation" IS NOT NULL AND t."organizationId" = ${organizationId!}`;

  let serial = 0;
  const ingest: number[] = [];
  const added: number[] = [];
  const detection: number[] = [];
  const load = os.loadavg()[0]!.toFixed(2);
  for (let b = 0; b < BATCHES; b++) {
    const now = Date.now();
    const events = Array.from({ length: 1000 }, () => {
      const kind = priced[serial % priced.length]!;
      serial++;
      return {
        eventId: `bench-${serial}`,
        subscriptionId: kind.subscriptionId,
        operation: kind.operation,
        units: { [kind.unit]: 1 + (serial % 7) },
        occurredAt: new Date(now - ((serial * 7919) % (20 * 3600)) * 1000).toISOString(),
      };
    });
    let started = performance.now();
    const result = await ingestUsage(organizationId!, events);
    ingest.push(performance.now() - started);
    if (result.accepted !== 1000) throw new Error(`batch ${b}: ${JSON.stringify(result).slice(0, 300)}`);
    started = performance.now();
    await usageIngested(organizationId!, result.earliest!);
    added.push(performance.now() - started);
    started = performance.now();
    await detectForOrganization(organizationId!);
    detection.push(performance.now() - started);
  }
  const full = performance.now();
  const run = await detectForOrganization(organizationId!, { full: true });
  const fullMs = performance.now() - full;

  console.log(
    `${os.cpus().length} cores, load average ${load}; demo seed (with its first detection) ${(seedMs / 1000).toFixed(1)} s\n`,
  );
  console.log(`ingestion of a 1,000-event batch (detection hook included): ${summarize(ingest).text}`);
  console.log(`added by detection to the batch (usageIngested):             ${summarize(added).text}`);
  console.log(`the detection job after the batch (incremental):             ${summarize(detection).text}`);
  console.log(
    `a full re-detection of the demo organisation: ${run.series} series, ${run.periods.toLocaleString("en-US")} periods, ${(fullMs / 1000).toFixed(2)} s`,
  );
  await stopBoss();
  await prisma.$disconnect();
} finally {
  await services.stop();
}
