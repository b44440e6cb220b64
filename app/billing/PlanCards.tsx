import { Form } from "@remix-run/react";
import type { Tier } from "~/generated/prisma/enums";
import { perSeat } from "./format";
import type { BillingOverview } from "./overview.server";
import { TIERS, TIER_LABELS, isPaidTier, tierBenefits } from "./plans";

/**
 * Free, Pro and Enterprise side by side, each with what it gives and the one thing that can
 * be done about it: pay through Checkout, switch the paid plan, or (billing off) set it.
 */
export function PlanCards({ overview, isOwner, busy }: { overview: BillingOverview; isOwner: boolean; busy: boolean }) {
  return (
    <ul className="cards plan-cards">
      {TIERS.map((tier) => {
        const current = overview.tier === tier;
        const price = isPaidTier(tier) ? overview.prices?.[tier] : null;
        return (
          <li key={tier} className={`card plan-card${current ? " current" : ""}`} data-testid={`plan-${tier}`}>
            <p className="card-title">
              {TIER_LABELS[tier]}
              {current ? <span className="badge">Current plan</span> : null}
            </p>
            <p className="muted">
              {tier === "FREE"
                ? "Free for everyone"
                : price && price.unitAmount !== null
                  ? perSeat(price.unitAmount, price.currency, price.interval)
                  : "Per seat"}
            </p>
            <ul className="plan-benefits">
              {tierBenefits(tier).map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
            {current ? null : <PlanAction tier={tier} overview={overview} isOwner={isOwner} busy={busy} />}
          </li>
        );
      })}
    </ul>
  );
}

function PlanAction({
  tier,
  overview,
  isOwner,
  busy,
}: {
  tier: Tier;
  overview: BillingOverview;
  isOwner: boolean;
  busy: boolean;
}) {
  const label = TIER_LABELS[tier];
  if (!overview.enabled) {
    if (!isOwner) return <p className="muted">Only owners can change the plan.</p>;
    return <PlanButton intent="set-tier" tier={tier} label={`Switch to ${label}`} busy={busy} />;
  }
  const paying = overview.subscription?.paying;
  if (tier === "FREE")
    return paying ? <p className="muted">To go back to Free, cancel in the billing portal above.</p> : null;
  return paying ? (
    <PlanButton intent="change-plan" tier={tier} label={`Switch to ${label}`} busy={busy} />
  ) : (
    <PlanButton intent="checkout" tier={tier} label={`Upgrade to ${label}`} busy={busy} primary />
  );
}

function PlanButton(props: { intent: string; tier: Tier; label: string; busy: boolean; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="tier" value={props.tier} />
      <button type="submit" className={props.primary ? "primary" : undefined} disabled={props.busy}>
        {props.label}
      </button>
    </Form>
  );
}
