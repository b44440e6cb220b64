import { Form, useNavigation } from "@remix-run/react";
import { formatUsd } from "~/format/numbers";
import type { SavingsView } from "../savings.server";

/** Savings opportunities: the saving, the evidence, how it was computed; dismiss or mark done. */
const KIND_LABELS: Record<SavingsView["kind"], string> = {
  UNUSED_SUBSCRIPTION: "Unused subscription",
  OVERPROVISIONED_PLAN: "Over-provisioned plan",
  CHEAPER_PLAN: "Cheaper plan",
  CHEAPER_ALTERNATIVE: "Cheaper alternative",
  CACHING: "Caching",
};

export function SavingsList({ savings, canManage }: { savings: readonly SavingsView[]; canManage: boolean }) {
  const navigation = useNavigation();
  const open = savings.filter((s) => s.status === "OPEN");
  if (savings.length === 0)
    return (
      <p className="empty">
        No savings found in the last 30 days of usage. They are looked for every night: unused subscriptions, plans
        bigger than the usage, cheaper plans or providers for the same operations, and repeated identical calls (send a{" "}
        <code>requestFingerprint</code> with usage events to find those).
      </p>
    );
  return (
    <>
      <p className="savings-total">
        {open.length
          ? `${formatUsd(
              open.reduce((a, s) => a + s.monthlySavingUsd, 0),
              "rounded",
            )} a month in ${open.length} open ${open.length === 1 ? "opportunity" : "opportunities"}`
          : "Every opportunity has been dealt with."}
      </p>
      <ul className="savings-list">
        {savings.map((s) => (
          <li key={s.id} className={`saving ${s.status.toLowerCase()}`} data-testid="saving" data-kind={s.kind}>
            <div className="saving-head">
              <span className="saving-kind">{KIND_LABELS[s.kind]}</span>
              <strong>{s.title}</strong>
              <span className="saving-amount">{formatUsd(s.monthlySavingUsd, "rounded")}/month</span>
            </div>
            <details>
              <summary>Evidence and method</summary>
              <dl className="evidence">
                {s.evidence.map((e) => (
                  <div key={e.label}>
                    <dt>{e.label}</dt>
                    <dd>{e.value}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted">{s.method}</p>
            </details>
            {s.status !== "OPEN" ? (
              <p className="muted">{s.status === "DONE" ? "Marked done." : "Dismissed."}</p>
            ) : null}
            {canManage ? (
              <Form method="post" className="saving-actions" preventScrollReset>
                <input type="hidden" name="intent" value="savings" />
                <input type="hidden" name="opportunityId" value={s.id} />
                {s.status === "OPEN" ? (
                  <>
                    <button type="submit" name="status" value="DONE" disabled={navigation.state !== "idle"}>
                      Mark done
                    </button>
                    <button type="submit" name="status" value="DISMISSED" disabled={navigation.state !== "idle"}>
                      Dismiss
                    </button>
                  </>
                ) : (
                  <button type="submit" name="status" value="OPEN" disabled={navigation.state !== "idle"}>
                    Reopen
                  </button>
                )}
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
