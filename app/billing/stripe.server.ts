import Stripe from "stripe";
import { env } from "~/config/env.server";
import type { Tier } from "~/generated/prisma/enums";
import type { PaidTier } from "./plans";

/**
 * The Stripe SDK, configured from the environment. Billing is on when STRIPE_SECRET_KEY is set
 * (the environment then also requires the webhook secret and both prices); STRIPE_API_URL
 * points the SDK elsewhere (stripe-mock, or the local server tests run).
 */
export const billingEnabled = () => Boolean(env().STRIPE_SECRET_KEY);

let client: Stripe | undefined;

export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_URL } = env();
  if (!STRIPE_SECRET_KEY) throw new Error("Billing is off: STRIPE_SECRET_KEY is not set");
  if (client) return client;
  const api = STRIPE_API_URL ? new URL(STRIPE_API_URL) : null;
  client = new Stripe(STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2, // with the SDK's idempotency keys, a retried POST never charges twice
    timeout: 20_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: api.port || (api.protocol === "https:" ? 443 : 80),
          protocol: api.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
  return client;
}

export function webhookSecret(): string {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
  return secret;
}

export function priceIdFor(tier: PaidTier): string {
  const { STRIPE_PRICE_PRO, STRIPE_PRICE_ENTERPRISE } = env();
  const price = tier === "PRO" ? STRIPE_PRICE_PRO : STRIPE_PRICE_ENTERPRISE;
  if (!price) throw new Error(`No Stripe price is configured for ${tier}`);
  return price;
}

/** What a price sells; null for a price this server was not configured with. */
export function tierOfPrice(priceId: string): Tier | null {
  const { STRIPE_PRICE_PRO, STRIPE_PRICE_ENTERPRISE } = env();
  if (priceId === STRIPE_PRICE_PRO) return "PRO";
  if (priceId === STRIPE_PRICE_ENTERPRISE) return "ENTERPRISE";
  return null;
}
