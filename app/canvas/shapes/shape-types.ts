import type { TLShape } from "tldraw";
import type { Period } from "../cost-bindings";

/**
 * The cost shapes' records. Their props hold only what they are bound to (ids and
 * options): the numbers are fetched, never stored in the room, so nobody can paint a
 * false figure onto a shared canvas.
 */
export const COST_CARD = "cost-card";
export const SPEND_CHART = "spend-chart";
export const COST_TOTAL = "cost-total";

declare module "tldraw" {
  export interface TLGlobalShapePropsMap {
    [COST_CARD]: { w: number; h: number; subscriptionId: string };
    [SPEND_CHART]: { w: number; h: number; groupBy: "api" | "team" | "subscription"; ids: string[]; period: Period };
    /** subjectId "" until someone chooses what to total. */
    [COST_TOTAL]: { w: number; h: number; groupBy: "team" | "costCenter"; subjectId: string; period: Period };
  }
}

export type CostCardShape = TLShape<typeof COST_CARD>;
export type SpendChartShape = TLShape<typeof SPEND_CHART>;
export type CostTotalShape = TLShape<typeof COST_TOTAL>;
export type CostShape = CostCardShape | SpendChartShape | CostTotalShape;

export const COST_SHAPE_TYPES: readonly string[] = [COST_CARD, SPEND_CHART, COST_TOTAL];
