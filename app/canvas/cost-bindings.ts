import type { BudgetView } from "~/usage/budget";

/**
 * What a cost shape on the canvas is bound to: the shape stores only this (ids and
 * options), and its numbers come from PostgreSQL through /w/:workspaceId/costs. Shared
 * by the shapes (browser) and the data endpoint (server; its validation is in
 * cost-binding-schema.ts, kept apart so zod stays out of the canvas chunk).
 */
export const PERIODS = {
  month: "This month",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "12m": "Last 12 months",
} as const;
export type Period = keyof typeof PERIODS;

export const CHART_GROUPS = { api: "APIs", team: "Teams", subscription: "Subscriptions" } as const;
export const TOTAL_GROUPS = { team: "Team", costCenter: "Cost center" } as const;
export const MAX_CHART_SERIES = 8;

export type CostBinding =
  | { kind: "card"; subscriptionId: string }
  | { kind: "chart"; groupBy: "api" | "team" | "subscription"; ids: string[]; period: Period }
  | { kind: "total"; groupBy: "team" | "costCenter"; id: string | null; period: Period };
export type CardBinding = Extract<CostBinding, { kind: "card" }>;
export type ChartBinding = Extract<CostBinding, { kind: "chart" }>;
export type TotalBinding = Extract<CostBinding, { kind: "total" }>;

export const MAX_BINDINGS_PER_REQUEST = 100;

/** One stable key per binding, whatever the order of its fields. */
export function bindingKey(binding: CostBinding): string {
  switch (binding.kind) {
    case "card":
      return `card:${binding.subscriptionId}`;
    case "chart":
      return `chart:${binding.groupBy}:${binding.period}:${[...binding.ids].sort().join(",")}`;
    case "total":
      return `total:${binding.groupBy}:${binding.period}:${binding.id ?? ""}`;
  }
}

/** How often open canvases refetch their numbers (and say so on every shape). */
export const REFRESH_SECONDS = 15;

export type CardData = {
  kind: "card";
  apiName: string;
  apiCategory: string;
  planName: string;
  teamName: string;
  planFeeUsd: number;
  /** Metered spend this month so far (the plan fee is separate). */
  monthToDateUsd: number;
  budget: BudgetView;
  /** Daily spend, oldest first, ending today (still under way). */
  sparkline: number[];
  sparklineFrom: string;
  /** Days of the sparkline in an anomaly of this subscription's daily spend (by index). */
  anomalies: { index: number; severity: "warning" | "critical" }[];
  /** The spend model's forecast of this month's metered spend, with its 80% range; null without enough history. */
  forecast: { expected: number; lower80: number; upper80: number } | null;
};

export type ChartData = {
  kind: "chart";
  bucket: "day" | "week" | "month";
  buckets: string[];
  series: { id: string; name: string; points: number[]; totalUsd: number }[];
  totalUsd: number;
};

export type TotalData = {
  kind: "total";
  name: string;
  costUsd: number;
  from: string;
  to: string;
  budget: BudgetView | null;
};

export type CostData = CardData | ChartData | TotalData;
export type CostDataResponse = {
  /** When the numbers were read (ISO time). */
  asOf: string;
  results: Record<string, CostData | { kind: "missing"; message: string }>;
};
