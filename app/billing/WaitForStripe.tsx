import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { Tier } from "~/generated/prisma/enums";
import { TIER_LABELS } from "./plans";

/**
 * Back from Checkout: the plan changes when Stripe's webhook arrives, usually within seconds.
 * Until then the page looks again every two seconds (for a minute at most).
 */
export function WaitForStripe({ paying, tier }: { paying: boolean; tier: Tier }) {
  const revalidator = useRevalidator();
  const [tries, setTries] = useState(0);
  const waiting = !paying && tries < 30;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      revalidator.revalidate();
      setTries((t) => t + 1);
    }, 2000);
    return () => clearTimeout(timer);
  }, [waiting, tries, revalidator]);

  if (paying)
    return (
      <p className="callout success" role="status" data-testid="checkout-confirmed">
        Thank you: Stripe confirmed the payment and you are on {TIER_LABELS[tier]}.
      </p>
    );
  return (
    <p className="callout" role="status">
      {waiting
        ? "Payment received. Waiting for Stripe to confirm it…"
        : "Stripe has not confirmed the payment yet. It usually takes seconds; reload this page in a minute."}
    </p>
  );
}
