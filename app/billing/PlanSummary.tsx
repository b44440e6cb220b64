import { Form } from "@remix-run/react";
import { seatsInUse } from "~/orgs/seats";
import { formatDay, formatMoney, perSeat } from "./format";
import type { BillingOverview } from "./overview.server";
import { STATUS_LABELS, TIER_LABELS } from "./plans";

/** The plan the organisation is on, its seats, what comes next, and any payment trouble. */
export function PlanSummary({ overview, busy }: { overview: BillingOverview; busy: boolean }) {
  const { subscription: sub, nextInvoice, paymentProblem, seats } = overview;
  const inUse = seatsInUse(seats);
  return (
    <section className="panel plan-summary" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Your plan</h2>
      {paymentProblem ? (
        <div className="payment-problem" role="alert" data-testid="payment-problem">
          <strong>The last payment of {formatMoney(paymentProblem.amountDue, paymentProblem.currency)} failed.</strong>{" "}
          {paymentProblem.nextAttempt
            ? `Stripe tries again on ${formatDay(paymentProblem.nextAttempt)}. `
            : "Stripe will not try again by itself. "}
          Your plan stays as it is while Stripe retries; update the card in the billing portal
          {paymentProblem.hostedInvoiceUrl ? (
            <>
              {" "}
              or{" "}
              <a href={paymentProblem.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                pay the invoice
              </a>
            </>
          ) : null}
          .
        </div>
      ) : null}
      <dl className="plan-facts">
        <div>
          <dt>Plan</dt>
          <dd data-testid="billing-tier">{TIER_LABELS[overview.tier]}</dd>
        </div>
        {sub ? (
          <div>
            <dt>Status</dt>
            <dd data-testid="billing-status">
              {sub.cancelAtPeriodEnd && sub.paying && sub.currentPeriodEnd
                ? `Ends on ${formatDay(sub.currentPeriodEnd)} (cancelled)`
                : sub.endedAt
                  ? `${STATUS_LABELS[sub.status] ?? sub.status} on ${formatDay(sub.endedAt)}`
                  : (STATUS_LABELS[sub.status] ?? sub.status)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Seats</dt>
          <dd data-testid="billing-seats">
            {sub?.paying ? `${sub.seats} paid · ` : ""}
            {inUse} in use ({seats.members} {seats.members === 1 ? "member" : "members"}, {seats.pending} pending)
          </dd>
        </div>
        {sub?.paying && sub.unitAmount !== null ? (
          <div>
            <dt>Price</dt>
            <dd>{perSeat(sub.unitAmount, sub.currency, sub.interval)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Next invoice</dt>
          <dd data-testid="next-invoice">
            {nextInvoice
              ? `${formatMoney(nextInvoice.amount, nextInvoice.currency)} on ${formatDay(nextInvoice.date)}`
              : "None scheduled"}
          </dd>
        </div>
      </dl>
      {overview.enabled ? (
        <div className="plan-actions">
          {sub?.paying && sub.seats !== inUse ? (
            <Form method="post">
              <input type="hidden" name="intent" value="seats" />
              <button type="submit" disabled={busy}>
                Pay for {inUse} {inUse === 1 ? "seat" : "seats"}
              </button>
            </Form>
          ) : null}
          {overview.hasCustomer ? (
            <Form method="post">
              <input type="hidden" name="intent" value="portal" />
              <button type="submit" disabled={busy}>
                Billing portal: cards, invoices, cancellation
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
