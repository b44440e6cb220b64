import { z } from "zod";
import { prisma } from "~/db/client.server";
import { defineJob } from "~/jobs/define.server";
import { enqueueCoalesced } from "~/jobs/queue.server";
import { detectForOrganization, markUsageChanged } from "./detection.server";
import { periodStart } from "./series";

/**
 * Detection runs as a job: after usage is ingested (at most one run per organisation every
 * few seconds, however many batches arrive) and every hour on the hour's seventh minute, so
 * that hours and days end even when no usage arrives.
 */
export const COALESCE_SECONDS = 5;

export const detectionJob = defineJob({
  name: "intelligence.detect",
  data: z.object({ organizationId: z.string().uuid(), full: z.boolean().optional() }),
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInMinutes: 10,
  concurrency: 1,
  run: async ({ organizationId, full }) => {
    const exists = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (exists) await detectForOrganization(organizationId, { full });
  },
});

export const detectionTickJob = defineJob({
  name: "intelligence.detect-tick",
  data: z.object({}),
  cron: "7 * * * *",
  cronData: {},
  retryLimit: 0,
  run: async () => {
    const organizations = await prisma.organization.findMany({
      where: { teams: { some: { subscriptions: { some: {} } } } },
      select: { id: true },
    });
    for (const { id } of organizations)
      await enqueueCoalesced(detectionJob, { organizationId: id }, { key: id, seconds: COALESCE_SECONDS });
  },
});

/**
 * Called by ingestion after a batch is stored. Events for a period detection has already
 * judged (late ones) mark it to be judged again; then a detection run is asked for.
 */
export async function usageIngested(organizationId: string, earliest: Date, now = new Date()) {
  if (earliest.getTime() < periodStart(now.getTime(), "hour")) await markUsageChanged(organizationId, earliest);
  await enqueueCoalesced(detectionJob, { organizationId }, { key: organizationId, seconds: COALESCE_SECONDS });
}
