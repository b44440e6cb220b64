import { randomUUID } from "node:crypto";
import { prisma } from "~/db/client.server";

/** Catalog entries, teams and subscriptions for usage and cost tests, through the app's tables. */
export type PriceSeed = { unit: string; operation?: string | null; pricePerUnit: number; includedUnits?: number };

export async function createPlan(prices: PriceSeed[], monthlyFee = 0) {
  const slug = `api-${randomUUID()}`;
  const api = await prisma.api.create({
    data: {
      slug,
      name: `Test API ${slug.slice(4, 10)}`,
      provider: "Test, Inc.",
      category: "ai",
      description: "An API for tests",
      baseUrl: "https://api.example.test",
      openApiSpec: {},
      plans: {
        create: {
          name: "Pay as you go",
          monthlyFee,
          unitPrices: {
            create: prices.map((p) => ({
              unit: p.unit,
              operation: p.operation ?? null,
              pricePerUnit: p.pricePerUnit,
              includedUnits: BigInt(p.includedUnits ?? 0),
            })),
          },
        },
      },
    },
    include: { plans: true },
  });
  return { apiId: api.id, planId: api.plans[0]!.id };
}

export async function createSubscription(
  organizationId: string,
  planId: string,
  { team = "Team", startedAt = new Date("2025-01-01T00:00:00Z"), monthlyBudgetUsd = null as number | null } = {},
) {
  const existing = await prisma.team.findFirst({ where: { organizationId, name: team } });
  const teamId = existing?.id ?? (await prisma.team.create({ data: { organizationId, name: team } })).id;
  const subscription = await prisma.subscription.create({ data: { teamId, planId, startedAt, monthlyBudgetUsd } });
  return { subscriptionId: subscription.id, teamId };
}
