import type { BudgetView } from "~/usage/budget";
import { REFRESH_SECONDS } from "../cost-bindings";
import { useCostDataStatus } from "../CostDataProvider";
import { formatTime, formatUsd } from "../format";

/** The card every cost shape is drawn in: a title, the body, and how fresh the numbers are. */
export function ShapeFrame({
  testId,
  title,
  subtitle,
  children,
}: {
  testId: string;
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  const { asOf, error } = useCostDataStatus();
  return (
    <div className="cost-shape" data-testid={testId} aria-label={title}>
      <div className="cost-shape-title">
        <strong>{title}</strong>
        {subtitle ? <span className="cost-shape-subtitle">{subtitle}</span> : null}
      </div>
      <div className="cost-shape-body">{children}</div>
      <div className={`cost-shape-footer${error ? " stale" : ""}`} title={error ?? `Numbers refresh every ${REFRESH_SECONDS} seconds`}>
        {error ? "⚠ not refreshed · " : ""}
        {asOf ? `as of ${formatTime(asOf)}` : "loading…"}
      </div>
    </div>
  );
}

const STATUS_LABEL = { none: "No budget", "on-track": "On track", "at-risk": "At risk", over: "Over budget" } as const;

export function BudgetBadge({ budget }: { budget: BudgetView }) {
  if (budget.status === "none") return <span className="budget-badge none">No budget set</span>;
  const share = Math.min(1, budget.usedShare ?? 0);
  return (
    <div className={`budget budget-${budget.status}`} data-testid="budget-status" data-status={budget.status}>
      <div className="budget-line">
        <span className={`budget-badge ${budget.status}`}>{STATUS_LABEL[budget.status]}</span>
        <span className="muted">
          {formatUsd(budget.budgetUsd ?? 0)} budget · forecast {formatUsd(budget.forecastUsd)}
        </span>
      </div>
      <div className="budget-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label="Budget used">
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

export function ShapeMessage({ children }: { children: React.ReactNode }) {
  return <p className="cost-shape-message">{children}</p>;
}
