import type { FakePrice } from "../../support/fake-stripe";

/** The Stripe settings of the end-to-end app; scripts/test.ts starts the local Stripe server with them. */
export const E2E_STRIPE = {
  STRIPE_SECRET_KEY: "sk_test_e2e0123456789",
  STRIPE_WEBHOOK_SECRET: "whsec_e2e0123456789abcdef",
  STRIPE_PRICE_PRO: "price_e2e_pro",
  STRIPE_PRICE_ENTERPRISE: "price_e2e_enterprise",
};

export const E2E_STRIPE_PRICES: FakePrice[] = [
  { id: E2E_STRIPE.STRIPE_PRICE_PRO, unitAmount: 1500 },
  { id: E2E_STRIPE.STRIPE_PRICE_ENTERPRISE, unitAmount: 4900 },
];
