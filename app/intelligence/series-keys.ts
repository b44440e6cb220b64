/**
 * The series detection watches in an organisation, named by key: spend of a subscription, a
 * team, a cost center (its shares of subscriptions), an API key, or one operation of a
 * subscription. Pure: the page and the job both parse them.
 */
export type SeriesKind = "subscription" | "team" | "costCenter" | "apiKey" | "operation";

export type SeriesRef =
  | { kind: "subscription" | "team" | "costCenter" | "apiKey"; id: string }
  | { kind: "operation"; id: string; operation: string };

export function seriesKey(ref: SeriesRef): string {
  return ref.kind === "operation" ? `operation:${ref.id}:${ref.operation}` : `${ref.kind}:${ref.id}`;
}

const KINDS = new Set<SeriesKind>(["subscription", "team", "costCenter", "apiKey", "operation"]);

export function parseSeriesKey(key: string): SeriesRef | null {
  const first = key.indexOf(":");
  if (first < 0) return null;
  const kind = key.slice(0, first) as SeriesKind;
  if (!KINDS.has(kind)) return null;
  const rest = key.slice(first + 1);
  if (kind !== "operation") return /^[0-9a-f-]{36}$/.test(rest) ? { kind, id: rest } : null;
  const second = rest.indexOf(":");
  if (second !== 36) return null;
  return { kind, id: rest.slice(0, 36), operation: rest.slice(37) };
}

/** The subscription a series is about, when it is about one (for grouping alerts). */
export function subscriptionOf(ref: SeriesRef, keyToSubscription: ReadonlyMap<string, string | null>): string | null {
  if (ref.kind === "subscription" || ref.kind === "operation") return ref.id;
  if (ref.kind === "apiKey") return keyToSubscription.get(ref.id) ?? null;
  return null;
}
