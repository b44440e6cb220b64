import type { ActionFunctionArgs } from "@remix-run/node";
import { billingEnabled } from "~/billing/stripe.server";
import { receiveStripeWebhook } from "~/billing/webhooks.server";
import { httpError, retryAfterHeader } from "~/http/responses.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";

/**
 * POST /api/stripe/webhook: Stripe's events, signed with the endpoint's secret (Stripe-Signature).
 * 200 once an event is handled (or was already); 400 for a bad or stale signature; 422 for a
 * signed event whose object cannot be read (Stripe retries it later).
 */
export const loader = () => httpError(405, "Stripe posts its events here (POST).", { Allow: "POST" });

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return httpError(405, "Use POST.");
  if (!billingEnabled()) return httpError(404, "Billing is off on this server (STRIPE_SECRET_KEY is not set).");
  // The raw body exactly as sent: the signature covers its bytes.
  const result = await receiveStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  if (result.status === 400) {
    // Forging a signature is hopeless, but nobody gets to try at full speed.
    const limit = await consumeRateLimit(`stripe-webhook-refused:${clientAddress(request)}`, {
      limit: 60,
      windowSeconds: 60,
    });
    if (!limit.allowed)
      return httpError(429, "Too many deliveries with a bad signature.", retryAfterHeader(limit.resetAt));
  }
  return Response.json(result.body, { status: result.status });
}
