import { z } from "zod";
import { MAX_BINDINGS_PER_REQUEST, MAX_CHART_SERIES, PERIODS, type CostBinding, type Period } from "./cost-bindings";

/** Validation of the bindings a canvas asks numbers for (the data endpoint's input). */
const PeriodSchema = z.enum(Object.keys(PERIODS) as [Period, ...Period[]]);
const Id = z.string().uuid();

export const CostBindingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("card"), subscriptionId: Id }),
  z.object({
    kind: z.literal("chart"),
    groupBy: z.enum(["api", "team", "subscription"]),
    ids: z.array(Id).max(MAX_CHART_SERIES),
    period: PeriodSchema,
  }),
  z.object({
    kind: z.literal("total"),
    groupBy: z.enum(["team", "costCenter"]),
    id: Id.nullable(),
    period: PeriodSchema,
  }),
]) satisfies z.ZodType<CostBinding>;

export const CostDataRequestSchema = z
  .array(CostBindingSchema)
  .max(MAX_BINDINGS_PER_REQUEST, "Too many cost shapes in one request.");
