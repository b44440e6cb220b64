import type { PrismaClient } from "../../app/generated/prisma/client";
import { MARKETPLACE_ORGANIZATIONS, demoSubscriptionOf } from "./organizations";
import { generateDemoUsage, mulberry32, type DemoUsageRow } from "./usage";

/**
 * Demo data for cost intelligence:
 * - Acme's last HOURLY_DAYS of usage by the hour, per key and region (what hourly series and
 *   root causes read), split from its daily usage; the OpenAI spike's extra calls come from a
 *   second key, "OpenAI batch jobs", in eu-west-1, so the root cause has something to find;
 * - other organisations of the marketplace with a month of usage, so that benchmarks have
 *   cohorts of at least five organisations. Their people cannot log in.
 */
export const HOURLY_DAYS = 42;
const DAY = 86_400_000;
/** The share of a day's traffic in each UTC hour: busiest in US working hours. */
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => {
  const distance = Math.min(Math.abs(h - 17), 24 - Math.abs(h - 17));
  return 0.25 + 1.5 * Math.exp(-(distance * distance) / 18);
});
const WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
const REGIONS = ["us-east-1", "eu-west-1"];

export async function seedDemoHourly(
  prisma: PrismaClient,
  rows: readonly DemoUsageRow[],
  keys: ReadonlyMap<string, string>,
  spike: { subscriptionId: string; days: readonly number[]; batchKeyId: string } | null,
  now: Date,
) {
  const random = mulberry32(7);
  const since = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (HOURLY_DAYS - 1) * DAY;
  const hourly: {
    subscriptionId: string;
    hour: Date;
    operation: string;
    apiKeyId: string;
    region: string;
    calls: number;
    units: number;
    costUsd: number;
  }[] = [];
  for (const row of rows) {
    const day = row.day.getTime();
    if (day < since) continue;
    // On spike days, two thirds of the day (the extra) came from the batch key in Europe.
    const spiking = spike?.subscriptionId === row.subscriptionId && spike.days.includes(day);
    const parts = spiking
      ? [
          { key: keys.get(row.subscriptionId)!, region: REGIONS[0]!, share: 1 / 3 },
          { key: spike!.batchKeyId, region: REGIONS[1]!, share: 2 / 3 },
        ]
      : [{ key: keys.get(row.subscriptionId) ?? "", region: random() < 0.8 ? REGIONS[0]! : REGIONS[1]!, share: 1 }];
    for (let h = 0; h < 24; h++) {
      const weight = HOUR_WEIGHTS[h]! / WEIGHT_SUM;
      for (const part of parts) {
        const share = weight * part.share;
        if (row.calls * share < 0.5 && row.costUsd * share < 0.0001) continue;
        hourly.push({
          subscriptionId: row.subscriptionId,
          hour: new Date(day + h * 3_600_000),
          operation: row.operation,
          apiKeyId: part.key,
          region: part.region,
          calls: Math.round(row.calls * share),
          units: Math.round(row.units * share * 1e4) / 1e4,
          costUsd: Math.round(row.costUsd * share * 1e8) / 1e8,
        });
      }
    }
  }
  for (let i = 0; i < hourly.length; i += 5000)
    await prisma.usageHourly.createMany({ data: hourly.slice(i, i + 5000) });
  return hourly.length;
}

export async function seedMarketplaceOrganizations(
  prisma: PrismaClient,
  plans: ReadonlyMap<string, ReadonlyMap<string, string>>,
  now: Date,
) {
  const days = 35;
  const startedAt = new Date(now.getTime() - (days + 5) * DAY);
  let rows = 0;
  for (const [index, demo] of MARKETPLACE_ORGANIZATIONS.entries()) {
    const org = await prisma.organization.create({ data: { name: demo.name, slug: demo.slug, tier: "PRO" } });
    // Seats: people of the organisation, with no password (nobody can log in as them).
    await prisma.user.createMany({
      data: Array.from({ length: demo.seats }, (_, i) => ({
        email: `person${i + 1}@${demo.slug}.demo.apimarketplace.dev`,
        name: `${demo.name} person ${i + 1}`,
        passwordHash: null,
      })),
    });
    const people = await prisma.user.findMany({
      where: { email: { endsWith: `@${demo.slug}.demo.apimarketplace.dev` } },
      select: { id: true },
    });
    await prisma.orgMembership.createMany({
      data: people.map((p, i) => ({ organizationId: org.id, userId: p.id, role: i === 0 ? "OWNER" : "MEMBER" })),
    });
    const teams = new Map<string, string>();
    const subscriptions = [];
    for (const plan of demo.plans) {
      const [teamName, slug] = plan;
      if (!teams.has(teamName))
        teams.set(teamName, (await prisma.team.create({ data: { organizationId: org.id, name: teamName } })).id);
      const usage = demoSubscriptionOf("", plan, days);
      const subscription = await prisma.subscription.create({
        data: { teamId: teams.get(teamName)!, planId: plans.get(slug)!.get(usage.planName)!, startedAt },
      });
      subscriptions.push({ ...usage, id: subscription.id, spikeDay: undefined });
    }
    const usage = generateDemoUsage(subscriptions, days, now, 100 + index);
    await prisma.usageRecord.createMany({ data: usage });
    rows += usage.length;
  }
  return rows;
}
