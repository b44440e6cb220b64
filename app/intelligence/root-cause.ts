import { formatUsd } from "~/format/numbers";

/**
 * What made an anomaly: for each dimension (operation, API key, region, subscription), how
 * much each of its values spent during the episode against what it usually spends in as many
 * periods, and which values account for most of the difference. Pure; root-cause.server.ts
 * reads the numbers.
 */
export type Dimension = "operation" | "apiKey" | "region" | "subscription" | "team";

export type Breakdown = { dimension: Dimension; value: string; label: string; episodeUsd: number; usualUsd: number };

export type Contributor = {
  dimension: Dimension;
  value: string;
  label: string;
  /** Episode spend minus usual spend for as many periods (negative for a drop). */
  deltaUsd: number;
  /** Its part of the dimension's total difference, 0-1. */
  share: number;
};

export const DIMENSION_LABELS: Record<Dimension, string> = {
  operation: "operation",
  apiKey: "API key",
  region: "region",
  subscription: "subscription",
  team: "team",
};

/**
 * The values that explain the difference, per dimension, largest first: only those moving
 * the same way as the anomaly, up to `limit` per dimension, and only dimensions with more
 * than one value (a single value explains nothing).
 */
export function contributors(rows: readonly Breakdown[], direction: 1 | -1, limit = 3): Contributor[] {
  const byDimension = new Map<Dimension, Breakdown[]>();
  for (const row of rows) byDimension.set(row.dimension, [...(byDimension.get(row.dimension) ?? []), row]);
  const result: Contributor[] = [];
  for (const [dimension, list] of byDimension) {
    if (list.length < 2) continue;
    const deltas = list.map((r) => ({ ...r, deltaUsd: r.episodeUsd - r.usualUsd }));
    const moving = deltas.filter((d) => Math.sign(d.deltaUsd) === direction && Math.abs(d.deltaUsd) > 0.005);
    const total = moving.reduce((a, d) => a + Math.abs(d.deltaUsd), 0);
    if (total === 0) continue;
    moving
      .sort((a, b) => Math.abs(b.deltaUsd) - Math.abs(a.deltaUsd))
      .slice(0, limit)
      .forEach((d) =>
        result.push({
          dimension,
          value: d.value,
          label: d.label,
          deltaUsd: d.deltaUsd,
          share: Math.abs(d.deltaUsd) / total,
        }),
      );
  }
  return result;
}

/** One line for people: "createChatCompletion (operation) explains 93% of the extra $1,204". */
export function describeTopContributor(list: readonly Contributor[]): string | null {
  const top = [...list].sort((a, b) => b.share - a.share)[0];
  if (!top) return null;
  const amount = formatUsd(Math.abs(top.deltaUsd), "rounded");
  return `${top.label} (${DIMENSION_LABELS[top.dimension]}) ${top.deltaUsd >= 0 ? "added" : "lost"} ${amount}, ${Math.round(top.share * 100)}% of the change in its ${DIMENSION_LABELS[top.dimension]}s`;
}
