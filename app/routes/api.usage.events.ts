import type { ActionFunctionArgs } from "@remix-run/node";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { UsageBatchSchema } from "~/usage/ingestion-rules";
import { ingestUsage } from "~/usage/ingestion.server";
import { authenticateIngestionToken } from "~/usage/ingestion-tokens.server";

/**
 * POST /api/usage/events with `Authorization: Bearer <organisation ingestion token>` and
 * `{ "events": [{ eventId, subscriptionId, operation, units, unit?, occurredAt }, …] }`
 * (at most 1,000). Answers 200 with what was accepted, what was a duplicate and what
 * was rejected and why; 422 (same body) when nothing in the batch could be counted.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return httpError(405, "Use POST.");
  const auth = await authenticateIngestionToken(request.headers.get("authorization"));
  if (!auth.ok) {
    // Tokens are 256 random bits, but nobody gets to guess at full speed anyway.
    const limit = await consumeRateLimit(`ingest-auth-failure:${clientAddress(request)}`, {
      limit: 30,
      windowSeconds: 60,
    });
    if (!limit.allowed) return tooManyRequests(limit.resetAt, "Too many attempts with a bad token.");
    return httpError(401, auth.message, { "WWW-Authenticate": 'Bearer realm="usage"' });
  }
  const limit = await consumeRateLimit(`ingest:${auth.tokenId}`, { limit: 1200, windowSeconds: 60 });
  if (!limit.allowed) {
    return tooManyRequests(
      limit.resetAt,
      "This token sent more than 1,200 batches this minute. Send bigger batches, or slow down.",
    );
  }

  const body = await readJson(request, 1_000_000);
  if (!body.ok) return httpError(body.status, body.message);
  // Each event's text is checked with the event (a bad one is rejected, the rest still count).
  const batch = parseFields(UsageBatchSchema, body.value, { checkText: false });
  if (!batch.ok) return httpError(400, Object.values(batch.fieldErrors)[0] ?? 'Send { "events": [ … ] }.');

  const { earliest: _earliest, ...result } = await ingestUsage(auth.organizationId, batch.data.events);
  const counted = result.accepted + result.duplicates.length;
  if (counted === 0)
    return Response.json(
      { error: "No event in this batch could be counted: each rejected event says why.", ...result },
      { status: 422, headers: { "Cache-Control": "no-store" } },
    );
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}

export const loader = () =>
  httpError(405, 'Use POST with { "events": [ … ] } and your organisation\'s ingestion token.');
