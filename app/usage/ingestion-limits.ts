/**
 * How many usage events one batch may carry: enforced by the ingestion rules and shown on the
 * ingestion-tokens page, which reads it from here so that page ships no zod (docs/benchmarks.md).
 */
export const MAX_EVENTS_PER_BATCH = 1000;
