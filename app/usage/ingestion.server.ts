import { prisma } from "~/db/client.server";
import { usageIngested } from "~/intelligence/detection-job.server";
import { startOfMonth, toDay } from "~/time/days";
import { unitPriceOf } from "./pricing";
import {
  allowanceKey,
  checkEvent,
  hourOf,
  priceEvents,
  type Rejection,
  type SubscriptionTerms,
  type ValidEvent,
} from "./ingestion-rules";

/**
 * Usage ingestion: a batch of raw events from an organisation's own systems becomes
 * UsageEvent rows, month-to-date allowance counters and the daily UsageRecord
 * aggregates every cost view reads, all in one transaction.
 *
 * - Idempotent on (organization, eventId): an event already stored is reported as a
 *   duplicate and changes nothing, however often a client retries, even concurrently
 *   (the unique index makes a concurrent twin wait, then skip).
 * - Bad events are rejected one by one, with reasons; the good ones in the batch count.
 * - Costs use the plan's unit prices; the monthly included allowance is spent in time
 *   order, and its counter row is locked by the upsert so concurrent batches never
 *   spend the same allowance twice.
 * - Rows are written in a fixed order (events by eventId, counters and aggregates by key)
 *   so concurrent batches cannot deadlock on each other.
 */
export type IngestResult = {
  /** Events counted by this call. */
  accepted: number;
  /** The earliest occurredAt among them (null when none): what detection must look at again. */
  earliest: Date | null;
  /** Event ids already counted (by an earlier call, or earlier in this batch): ignored. */
  duplicates: string[];
  rejected: Rejection[];
};

export async function ingestUsage(
  organizationId: string,
  rawEvents: readonly unknown[],
  now = new Date(),
): Promise<IngestResult> {
  const subscriptions = await loadTerms(organizationId, rawEvents);
  const valid: ValidEvent[] = [];
  const rejected: Rejection[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  rawEvents.forEach((raw, index) => {
    const checked = checkEvent(raw, index, subscriptions, now);
    if (!checked.ok) return void rejected.push(checked.rejection);
    if (seen.has(checked.event.eventId)) return void duplicates.push(checked.event.eventId);
    seen.add(checked.event.eventId);
    valid.push(checked.event);
  });
  if (valid.length === 0) return { accepted: 0, earliest: null, duplicates, rejected };

  const pricesBySubscription = new Map([...subscriptions].map(([id, terms]) => [id, terms.prices]));
  const outcome = await prisma.$transaction(
    async (tx) => {
      valid.sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
      const inserted = await tx.$queryRaw<{ eventId: string }[]>`
        INSERT INTO "UsageEvent" ("id", "organizationId", "eventId", "subscriptionId", "operation", "units", "quantities", "costUsd", "occurredAt", "apiKeyId", "region", "requestFingerprint")
        SELECT gen_random_uuid()::text, ${organizationId}, e.event_id, e.subscription_id, e.operation, e.units, e.quantities, 0, e.occurred_at, e.api_key_id, e.region, e.fingerprint
        FROM unnest(
          ${valid.map((e) => e.eventId)}::text[], ${valid.map((e) => e.subscriptionId)}::text[], ${valid.map((e) => e.operation)}::text[],
          ${valid.map((e) => total(e.quantities))}::numeric[], ${valid.map((e) => JSON.stringify(e.quantities))}::jsonb[],
          ${valid.map((e) => e.occurredAt.toISOString())}::timestamp[], ${valid.map((e) => e.apiKeyId ?? null)}::text[],
          ${valid.map((e) => e.region ?? null)}::text[], ${valid.map((e) => e.requestFingerprint ?? null)}::text[]
        ) AS e(event_id, subscription_id, operation, units, quantities, occurred_at, api_key_id, region, fingerprint)
        ON CONFLICT ("organizationId", "eventId") DO NOTHING
        RETURNING "eventId"`;
      const insertedIds = new Set(inserted.map((row) => row.eventId));
      const fresh = valid.filter((e) => insertedIds.has(e.eventId));
      for (const e of valid) if (!insertedIds.has(e.eventId)) duplicates.push(e.eventId);
      if (fresh.length === 0) return { accepted: 0, earliest: null };

      // Month-to-date counters: add this batch, learn what the month had used before it.
      const added = sumBy(
        fresh.flatMap((e) =>
          Object.entries(e.quantities).map(
            ([unit, amount]) =>
              [allowanceKey(e.subscriptionId, startOfMonth(toDay(e.occurredAt)), unit), amount] as const,
          ),
        ),
      );
      const keys = [...added.keys()].sort();
      const split = keys.map((key) => key.split("|") as [string, string, string]);
      const totals = await tx.$queryRaw<{ subscriptionId: string; month: string; unit: string; units: number }[]>`
        INSERT INTO "UsageMonthToDate" ("subscriptionId", "month", "unit", "units")
        SELECT * FROM unnest(${split.map((k) => k[0])}::text[], ${split.map((k) => k[1])}::date[], ${split.map((k) => k[2])}::text[], ${keys.map((k) => added.get(k)!)}::numeric[])
        ON CONFLICT ("subscriptionId", "month", "unit") DO UPDATE SET "units" = "UsageMonthToDate"."units" + excluded."units"
        RETURNING "subscriptionId", "month"::text AS "month", "unit", "units"::float8 AS "units"`;
      const usedBefore = new Map<string, number>();
      for (const row of totals) {
        const key = allowanceKey(row.subscriptionId, row.month, row.unit);
        usedBefore.set(key, row.units - (added.get(key) ?? 0));
      }
      const costs = priceEvents(fresh, pricesBySubscription, usedBefore);

      const charged = fresh.filter((e) => costs.get(e.eventId)! > 0);
      if (charged.length) {
        await tx.$executeRaw`
          UPDATE "UsageEvent" AS u SET "costUsd" = v.cost
          FROM unnest(${charged.map((e) => e.eventId)}::text[], ${charged.map((e) => costs.get(e.eventId)!)}::numeric[]) AS v(event_id, cost)
          WHERE u."organizationId" = ${organizationId} AND u."eventId" = v.event_id`;
      }

      // Daily aggregates per (subscription, day, operation).
      const daily = new Map<string, { calls: number; units: number; cost: number }>();
      for (const e of fresh) {
        const key = `${e.subscriptionId}|${toDay(e.occurredAt)}|${e.operation}`;
        const row = daily.get(key) ?? { calls: 0, units: 0, cost: 0 };
        row.calls += 1;
        row.units += total(e.quantities);
        row.cost += costs.get(e.eventId)!;
        daily.set(key, row);
      }
      const dailyKeys = [...daily.keys()].sort();
      const parts = dailyKeys.map((key) => {
        const bar = key.indexOf("|");
        return [key.slice(0, bar), key.slice(bar + 1, bar + 11), key.slice(bar + 12)] as const;
      });
      await tx.$executeRaw`
        INSERT INTO "UsageRecord" ("id", "subscriptionId", "day", "operation", "calls", "units", "costUsd")
        SELECT gen_random_uuid()::text, r.subscription_id, r.day, r.operation, r.calls, r.units, r.cost
        FROM unnest(
          ${parts.map((p) => p[0])}::text[], ${parts.map((p) => p[1])}::date[], ${parts.map((p) => p[2])}::text[],
          ${dailyKeys.map((k) => daily.get(k)!.calls)}::int[], ${dailyKeys.map((k) => daily.get(k)!.units)}::numeric[],
          ${dailyKeys.map((k) => daily.get(k)!.cost)}::numeric[]
        ) AS r(subscription_id, day, operation, calls, units, cost)
        ON CONFLICT ("subscriptionId", "day", "operation") DO UPDATE SET
          "calls" = "UsageRecord"."calls" + excluded."calls",
          "units" = "UsageRecord"."units" + excluded."units",
          "costUsd" = "UsageRecord"."costUsd" + excluded."costUsd"`;

      // Hourly aggregates per (subscription, hour, operation, key, region).
      const hourly = new Map<string, { calls: number; units: number; cost: number }>();
      for (const e of fresh) {
        const key = [e.subscriptionId, hourOf(e.occurredAt), e.operation, e.apiKeyId ?? "", e.region ?? ""].join(
          "\u0000",
        );
        const row = hourly.get(key) ?? { calls: 0, units: 0, cost: 0 };
        row.calls += 1;
        row.units += total(e.quantities);
        row.cost += costs.get(e.eventId)!;
        hourly.set(key, row);
      }
      const hourlyKeys = [...hourly.keys()].sort();
      const hourParts = hourlyKeys.map((key) => key.split("\u0000") as [string, string, string, string, string]);
      await tx.$executeRaw`
        INSERT INTO "UsageHourly" ("subscriptionId", "hour", "operation", "apiKeyId", "region", "calls", "units", "costUsd")
        SELECT * FROM unnest(
          ${hourParts.map((p) => p[0])}::text[], ${hourParts.map((p) => p[1])}::timestamp[], ${hourParts.map((p) => p[2])}::text[],
          ${hourParts.map((p) => p[3])}::text[], ${hourParts.map((p) => p[4])}::text[],
          ${hourlyKeys.map((k) => hourly.get(k)!.calls)}::int[], ${hourlyKeys.map((k) => hourly.get(k)!.units)}::numeric[],
          ${hourlyKeys.map((k) => hourly.get(k)!.cost)}::numeric[]
        )
        ON CONFLICT ("subscriptionId", "hour", "operation", "apiKeyId", "region") DO UPDATE SET
          "calls" = "UsageHourly"."calls" + excluded."calls",
          "units" = "UsageHourly"."units" + excluded."units",
          "costUsd" = "UsageHourly"."costUsd" + excluded."costUsd"`;
      const earliest = new Date(Math.min(...fresh.map((e) => e.occurredAt.getTime())));
      return { accepted: fresh.length, earliest };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (outcome.earliest) {
    // Detection follows the usage it reads; a queue hiccup must not fail the batch it follows.
    await usageIngested(organizationId, outcome.earliest, now).catch((error: Error) =>
      console.error(`[usage] could not ask for anomaly detection: ${error.message}`),
    );
  }
  return { ...outcome, duplicates, rejected: rejected.sort((a, b) => a.index - b.index) };
}

/** The organisation's subscriptions named in the batch, with their plans' unit prices. */
async function loadTerms(
  organizationId: string,
  rawEvents: readonly unknown[],
): Promise<Map<string, SubscriptionTerms>> {
  const ids = new Set<string>();
  for (const raw of rawEvents) {
    const id = typeof raw === "object" && raw && "subscriptionId" in raw ? raw.subscriptionId : undefined;
    if (typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) ids.add(id.toLowerCase());
  }
  if (ids.size === 0) return new Map();
  // Keys of the organisation bound to no subscription may be named by any of its events.
  const namesKeys = rawEvents.some((raw) => typeof raw === "object" && raw !== null && "apiKeyId" in raw);
  const unboundKeys = namesKeys
    ? (await prisma.apiKey.findMany({ where: { organizationId, subscriptionId: null }, select: { id: true } })).map(
        (k) => k.id,
      )
    : [];
  const rows = await prisma.subscription.findMany({
    where: { id: { in: [...ids] }, team: { organizationId } },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      apiKeys: { select: { id: true } },
      plan: {
        select: { unitPrices: { select: { unit: true, operation: true, pricePerUnit: true, includedUnits: true } } },
      },
    },
  });
  return new Map(
    rows.map((s) => [
      s.id,
      {
        id: s.id,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        prices: s.plan.unitPrices.map(unitPriceOf),
        apiKeyIds: new Set([...s.apiKeys.map((k) => k.id), ...unboundKeys]),
      },
    ]),
  );
}

const total = (quantities: Record<string, number>) => Object.values(quantities).reduce((a, b) => a + b, 0);

function sumBy(entries: Iterable<readonly [string, number]>) {
  const sums = new Map<string, number>();
  for (const [key, value] of entries) sums.set(key, (sums.get(key) ?? 0) + value);
  return sums;
}
