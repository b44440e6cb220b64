import { providerById } from "~/scanner/providers";
import type { Finding, ProviderVerdict } from "~/scanner/types";
import { isPositive } from "~/scanner/verdicts";
import { callSitesOf, estimateProviderCost, round, type ProviderCost } from "./cost";
import { recommend, type Recommendation } from "./recommendations";
import { catalogFor, organizationKeys, usageHistories, volumesFor } from "./usage.server";

/**
 * A scan's result joined with money: the cost of each provider the code uses and the
 * recommendations, from the organisation's usage records, its keys and entered volumes.
 */
export type Analysis = {
  costs: ProviderCost[];
  recommendations: Recommendation[];
  totalMonthly: number;
  totalSaving: number;
};

export async function analyse(input: {
  organizationId: string;
  workspaceId: string;
  verdicts: ProviderVerdict[];
  findings: Finding[];
}): Promise<Analysis> {
  const positive = input.verdicts.filter((v) => isPositive(v.verdict));
  const slugs = positive.map((v) => providerById(v.provider)?.catalogSlug).filter((s): s is string => Boolean(s));
  const [catalog, usage, volumes, orgKeys] = await Promise.all([
    catalogFor(slugs),
    usageHistories(input.organizationId, slugs),
    volumesFor(input.workspaceId),
    organizationKeys(input.organizationId),
  ]);
  const costs = positive.map((v) => {
    const slug = providerById(v.provider)?.catalogSlug;
    return estimateProviderCost({
      provider: v.provider,
      name: v.name,
      catalog: slug ? (catalog.get(slug) ?? null) : null,
      usage,
      volumes,
      calledOperations: v.operations.map((o) => o.id),
      callSites: callSitesOf(input.findings, v.provider),
    });
  });
  const recommendations = recommend({ verdicts: input.verdicts, findings: input.findings, costs, catalog, orgKeys });
  return {
    costs: costs.sort((a, b) => (b.monthlyEstimate ?? -1) - (a.monthlyEstimate ?? -1)),
    recommendations,
    totalMonthly: round(costs.reduce((s, c) => s + (c.monthlyEstimate ?? 0), 0)),
    totalSaving: totalSaving(recommendations),
  };
}

/**
 * Savings that can be added up: caching, batching and unused keys add; a cheaper plan, a
 * cheaper alternative and consolidation are alternatives for one provider, so only the
 * largest of those counts.
 */
export function totalSaving(recommendations: Recommendation[]) {
  const exclusive = new Map<string, number>();
  let additive = 0;
  for (const r of recommendations) {
    if (r.kind === "cheaper-plan" || r.kind === "cheaper-alternative" || r.kind === "duplicate-providers") {
      exclusive.set(r.provider, Math.max(exclusive.get(r.provider) ?? 0, r.monthlySaving));
    } else additive += r.monthlySaving;
  }
  return round(additive + [...exclusive.values()].reduce((a, b) => a + b, 0));
}
