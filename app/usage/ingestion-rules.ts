import { z } from "zod";
import { storableText, unsafeTextIssues } from "~/http/text-safety";
import { startOfMonth, toDay } from "~/time/days";
import { MAX_EVENTS_PER_BATCH } from "./ingestion-limits";
import { costOf, priceFor, type UnitPrice } from "./pricing";

/**
 * What a usage event must say, and how its cost is worked out: the pure half of
 * ingestion (ingestion.server.ts does the database half). Kept free of I/O so every
 * rule can be tested on its own.
 */
/** Clocks drift: an event a little in the future is accepted, one far ahead is a bug. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The unit of an operation the plan does not price (a free call still counts as a call). */
export const FREE_UNIT = "request";

const Quantity = z
  .number({ error: "must be a number of units, e.g. 1 or 1200" })
  .finite("must be a finite number")
  .min(0, "cannot be negative")
  .max(1e12, "is implausibly large");

export const UsageEventSchema = z.object({
  eventId: z
    .string({ error: "eventId is missing: give every event your own unique id, so retries are never counted twice" })
    .trim()
    .min(1, "eventId is empty")
    .max(200, "eventId is longer than 200 characters"),
  subscriptionId: z
    .string({ error: "subscriptionId is missing" })
    .trim()
    .toLowerCase()
    .uuid("subscriptionId is not a subscription id (a UUID)"),
  operation: z
    .string()
    .trim()
    .min(1, "operation is empty")
    .max(120, "operation is longer than 120 characters")
    .optional(),
  units: z.union([Quantity, z.record(z.string().trim().min(1).max(64), Quantity)], {
    error: 'units is missing: a number (with "unit") or units by kind, e.g. {"input_token": 1200}',
  }),
  unit: z.string().trim().min(1).max(64).optional(),
  occurredAt: z.iso.datetime({ offset: true, error: "occurredAt is not an ISO 8601 time, e.g. 2026-11-29T10:15:00Z" }),
  /** The managed key the call used (its id), for per-key spend and root causes. */
  apiKeyId: z.string().trim().toLowerCase().uuid("apiKeyId is not an API key id (a UUID)").optional(),
  /** Where the call came from, e.g. "us-east-1". */
  region: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "region must be up to 40 letters, digits, dots, dashes or underscores")
    .optional(),
  /** A hash of the request you computed (e.g. SHA-256 of method, URL and body): equal ones are identical calls. */
  requestFingerprint: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:+/=-]{8,128}$/, "requestFingerprint must be a hash: 8 to 128 letters, digits or _:+/=-")
    .optional(),
});
export type UsageEventInput = z.infer<typeof UsageEventSchema>;

export const UsageBatchSchema = z.object({
  events: z
    .array(z.unknown(), { error: 'Send { "events": [ … ] }: an array of usage events.' })
    .min(1, "The batch has no events.")
    .max(MAX_EVENTS_PER_BATCH, `Send at most ${MAX_EVENTS_PER_BATCH} events per batch.`),
});

export type SubscriptionTerms = {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  prices: UnitPrice[];
  /** The organisation's keys an event of this subscription may name (bound to it, or to none). */
  apiKeyIds?: ReadonlySet<string>;
};

/** An event that passed every check: what it used, by metered unit. */
export type ValidEvent = {
  index: number;
  eventId: string;
  subscriptionId: string;
  operation: string;
  quantities: Record<string, number>;
  occurredAt: Date;
  apiKeyId?: string;
  region?: string;
  requestFingerprint?: string;
};

export type Rejection = { index: number; eventId: string | null; reasons: string[] };

/** Checks one raw event against the schema, its subscription and its plan. */
export function checkEvent(
  raw: unknown,
  index: number,
  subscriptions: ReadonlyMap<string, SubscriptionTerms>,
  now: Date,
): { ok: true; event: ValidEvent } | { ok: false; rejection: Rejection } {
  const rawEventId =
    typeof raw === "object" && raw && "eventId" in raw && typeof raw.eventId === "string"
      ? storableText(raw.eventId).slice(0, 200)
      : null;
  const reject = (reasons: string[]) => ({ ok: false as const, rejection: { index, eventId: rawEventId, reasons } });

  const unsafe = unsafeTextIssues(raw);
  if (unsafe.length) return reject(unsafe.map((issue) => issue.message));
  const parsed = UsageEventSchema.safeParse(raw);
  if (!parsed.success) return reject(parsed.error.issues.map((issue) => readableIssue(issue)));
  const event = parsed.data;

  const subscription = subscriptions.get(event.subscriptionId);
  if (!subscription)
    return reject([`subscription ${event.subscriptionId} is not one of your organisation's subscriptions`]);

  const occurredAt = new Date(event.occurredAt);
  const reasons: string[] = [];
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) reasons.push("occurredAt is in the future");
  if (occurredAt < subscription.startedAt)
    reasons.push(`occurredAt is before the subscription started (${subscription.startedAt.toISOString()})`);
  if (subscription.endedAt && occurredAt > subscription.endedAt)
    reasons.push(`occurredAt is after the subscription ended (${subscription.endedAt.toISOString()})`);
  if (event.apiKeyId && !subscription.apiKeyIds?.has(event.apiKeyId))
    reasons.push(`apiKeyId ${event.apiKeyId} is not one of your organisation's keys for this subscription`);

  const operation = event.operation ?? "*";
  const quantities = quantitiesOf(event, operation, subscription.prices);
  if (!quantities.ok) reasons.push(quantities.reason);
  if (reasons.length || !quantities.ok) return reject(reasons);

  return {
    ok: true,
    event: {
      index,
      eventId: event.eventId,
      subscriptionId: event.subscriptionId,
      operation,
      quantities: quantities.value,
      occurredAt,
      ...(event.apiKeyId ? { apiKeyId: event.apiKeyId } : {}),
      ...(event.region ? { region: event.region } : {}),
      ...(event.requestFingerprint ? { requestFingerprint: event.requestFingerprint } : {}),
    },
  };
}

/** The units an event used, by metered unit, checked against what the plan prices. */
export function quantitiesOf(
  event: Pick<UsageEventInput, "units" | "unit">,
  operation: string,
  prices: readonly UnitPrice[],
): { ok: true; value: Record<string, number> } | { ok: false; reason: string } {
  const priced = [
    ...new Set(prices.filter((p) => p.operation === operation || p.operation === null).map((p) => p.unit)),
  ];
  const list = priced.map((u) => `"${u}"`).join(", ");
  let quantities: Record<string, number>;
  if (typeof event.units === "number") {
    const unit = event.unit ?? (priced.length === 1 ? priced[0] : priced.length === 0 ? FREE_UNIT : undefined);
    if (!unit)
      return {
        ok: false,
        reason: `say which unit: the plan prices ${list} for ${operation}; send "units": {${priced.map((u) => `"${u}": …`).join(", ")}}`,
      };
    quantities = { [unit]: event.units };
  } else {
    if (event.unit)
      return { ok: false, reason: 'send either "units" as a number with "unit", or "units" by kind, not both' };
    quantities = event.units;
    if (Object.keys(quantities).length === 0) return { ok: false, reason: "units is empty" };
  }
  if (priced.length) {
    const unknown = Object.keys(quantities).filter((unit) => !priced.includes(unit));
    if (unknown.length)
      return {
        ok: false,
        reason: `the plan has no price for ${unknown.map((u) => `"${u}"`).join(", ")} of ${operation}; it prices ${list}`,
      };
  }
  return { ok: true, value: quantities };
}

/** The start of the UTC hour an instant falls in, as an ISO timestamp. */
export function hourOf(date: Date): string {
  return `${date.toISOString().slice(0, 13)}:00:00Z`;
}

export const allowanceKey = (subscriptionId: string, month: string, unit: string) =>
  `${subscriptionId}|${month}|${unit}`;

/**
 * Cost of each event, spending the plan's monthly allowance in time order. `usedBefore`
 * holds, per (subscription, month, unit), what the month had used before this batch.
 */
export function priceEvents(
  events: readonly ValidEvent[],
  pricesBySubscription: ReadonlyMap<string, readonly UnitPrice[]>,
  usedBefore: ReadonlyMap<string, number>,
): Map<string, number> {
  const used = new Map(usedBefore);
  const costs = new Map<string, number>();
  const inTimeOrder = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.index - b.index);
  for (const event of inTimeOrder) {
    const prices = pricesBySubscription.get(event.subscriptionId) ?? [];
    const month = startOfMonth(toDay(event.occurredAt));
    let cost = 0;
    for (const [unit, amount] of Object.entries(event.quantities)) {
      const key = allowanceKey(event.subscriptionId, month, unit);
      const before = used.get(key) ?? 0;
      cost += costOf(priceFor(prices, unit, event.operation), amount, before);
      used.set(key, before + amount);
    }
    costs.set(event.eventId, cost);
  }
  return costs;
}

function readableIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".");
  // Messages of our own schema name their field already; zod's defaults do not.
  return field && !issue.message.startsWith(String(issue.path[0])) ? `${field}: ${issue.message}` : issue.message;
}
