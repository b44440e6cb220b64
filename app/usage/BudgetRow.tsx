import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { formatUsd } from "~/format/numbers";
import type { BudgetView } from "./budget";
import { BudgetBadge } from "./BudgetBadge";

type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string | undefined> };

/**
 * One budget line of the budgets page: what it is, this month's spend, its status, and (for
 * owners and admins) the budget as an editable amount saved on its own, so one row's error or
 * pending save never blocks another.
 */
export function BudgetRow({
  target,
  id,
  name,
  detail,
  budget,
  canEdit,
}: {
  target: "subscription" | "costCenter";
  id: string;
  name: string;
  detail?: string;
  budget: BudgetView;
  canEdit: boolean;
}) {
  const fetcher = useFetcher<SaveResult>();
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const error =
    fetcher.data && !fetcher.data.ok
      ? (fetcher.data.fieldErrors.monthlyBudgetUsd ??
        fetcher.data.fieldErrors.form ??
        Object.values(fetcher.data.fieldErrors)[0])
      : undefined;
  const saving = fetcher.state !== "idle";
  return (
    <tr data-testid="budget-row" data-name={name}>
      <th scope="row">
        {name}
        {detail ? <span className="muted budget-detail">{detail}</span> : null}
      </th>
      <td className="number">{formatUsd(budget.spentUsd, "rounded")}</td>
      <td className="number">
        {formatUsd(budget.forecastUsd, "rounded")}
        {budget.forecastRange ? (
          <span className="muted budget-range" title="80% of the time, the month ends inside this range">
            {formatUsd(budget.forecastRange.lower, "rounded")}–{formatUsd(budget.forecastRange.upper, "rounded")}
          </span>
        ) : null}
      </td>
      <td className="budget-status-cell">
        <BudgetBadge budget={budget} />
      </td>
      <td>
        {canEdit ? (
          <fetcher.Form method="post" className="budget-form">
            <input type="hidden" name="target" value={target} />
            <input type="hidden" name="id" value={id} />
            <label className="visually-hidden" htmlFor={inputId}>
              Monthly budget for {name} (USD)
            </label>
            <span aria-hidden>$</span>
            <input
              id={inputId}
              name="monthlyBudgetUsd"
              inputMode="decimal"
              defaultValue={budget.budgetUsd ?? ""}
              placeholder="none"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            <button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </button>
            {error ? (
              <p className="field-error" id={errorId} role="alert">
                {error}
              </p>
            ) : null}
          </fetcher.Form>
        ) : (
          <span>{budget.budgetUsd === null ? "none" : formatUsd(budget.budgetUsd, "rounded")}</span>
        )}
      </td>
    </tr>
  );
}
