import { prisma } from "~/db/client.server";
import { benchmark, type Benchmark, type OrgFigures } from "./benchmarks";
import { MS_PER_DAY } from "~/time/days";

/**
 * The organisation's APIs and their categories against the marketplace, over the last 30
 * complete days: for every API it uses, the cohort of organisations that used it (spend,
 * metered units, seats = members); for every category, the same summed over its APIs.
 */
const WINDOW_DAYS = 30;

export type BenchmarkRow = { kind: "api" | "category"; id: string; name: string; unit: string | null } & {
  benchmark: Benchmark;
};

export async function benchmarksFor(organizationId: string, now = new Date()): Promise<BenchmarkRow[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - WINDOW_DAYS * MS_PER_DAY);
  const to = new Date(today);
  const mine = await prisma.api.findMany({
    where: { plans: { some: { subscriptions: { some: { team: { organizationId } } } } } },
    select: { id: true, name: true, category: true, plans: { select: { unitPrices: { select: { unit: true } } } } },
    orderBy: { name: "asc" },
  });
  if (mine.length === 0) return [];
  const categories = [...new Set(mine.map((a) => a.category))];
  const rows = await prisma.$queryRaw<
    { apiId: string; category: string; organizationId: string; spend: number; units: number }[]
  >`
    SELECT p."apiId", a."category", t."organizationId", SUM(r."costUsd")::float8 AS spend, SUM(r."units")::float8 AS units
    FROM "UsageRecord" r
    JOIN "Subscription" s ON s."id" = r."subscriptionId"
    JOIN "Team" t ON t."id" = s."teamId"
    JOIN "Plan" p ON p."id" = s."planId"
    JOIN "Api" a ON a."id" = p."apiId"
    WHERE a."category" = ANY(${categories}::text[]) AND r."day" >= ${from}::date AND r."day" < ${to}::date
    GROUP BY 1, 2, 3`;
  const organizations = [...new Set(rows.map((r) => r.organizationId))];
  const seats = new Map(
    (
      await prisma.orgMembership.groupBy({
        by: ["organizationId"],
        where: { organizationId: { in: organizations } },
        _count: { _all: true },
      })
    ).map((g) => [g.organizationId, g._count._all]),
  );
  const figures = (filter: (r: (typeof rows)[number]) => boolean): OrgFigures[] => {
    const byOrg = new Map<string, OrgFigures>();
    for (const r of rows.filter(filter)) {
      const f = byOrg.get(r.organizationId) ?? {
        organizationId: r.organizationId,
        spendUsd: 0,
        units: 0,
        seats: seats.get(r.organizationId) ?? 0,
      };
      f.spendUsd += r.spend;
      f.units += r.units;
      byOrg.set(r.organizationId, f);
    }
    return [...byOrg.values()];
  };
  const result: BenchmarkRow[] = mine.map((api) => {
    const units = [...new Set(api.plans.flatMap((p) => p.unitPrices.map((u) => u.unit)))];
    return {
      kind: "api",
      id: api.id,
      name: api.name,
      unit: units.length === 1 ? units[0]! : units.length ? "unit" : null,
      benchmark: benchmark(
        figures((r) => r.apiId === api.id),
        organizationId,
      ),
    };
  });
  for (const category of categories.sort())
    result.push({
      kind: "category",
      id: category,
      name: category,
      unit: null,
      // Units of different APIs are not the same thing: a category compares spend per seat only.
      benchmark: benchmark(
        figures((r) => r.category === category),
        organizationId,
        false,
      ),
    });
  return result;
}
