import { formatUsd } from "~/format/numbers";
import type { BudgetView } from "./budget";

export const BUDGET_STATUS_LABEL = {
  none: "No budget",
  "on-track": "On track",
  "at-risk": "At risk",
  over: "Over budget",
} as const;

/**
 * A monthly budget at a glance: its status, the budget and the month's forecast, and a bar of
 * what is used. Shared by cost cards on canvases and the budgets page, so both read the same.
 * Styles: budget.css.
 */
export function BudgetBadge({ budget }: { budget: BudgetView }) {
  if (budget.status === "none") return <span className="budget-badge none">No budget set</span>;
  const share = Math.min(1, budget.usedShare ?? 0);
  return (
    <div className={`budget budget-${budget.status}`} data-testid="budget-status" data-status={budget.status}>
      <div className="budget-line">
        <span className={`budget-badge ${budget.status}`}>{BUDGET_STATUS_LABEL[budget.status]}</span>
        <span className="muted">
          {formatUsd(budget.budgetUsd ?? 0, "rounded")} budget · forecast {formatUsd(budget.forecastUsd, "rounded")}
        </span>
      </div>
      <div
        className="budget-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        aria-label="Budget used"
      >
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
