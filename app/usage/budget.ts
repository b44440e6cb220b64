/**
 * Budget status of a monthly budget from month-to-date spend: over once spend passes the
 * budget, at risk when the month's pace (a straight-line forecast) would pass it, on
 * track otherwise. A straight line is what finance teams expect from a card; anomaly
 * detection is where seasonality is modelled.
 */
export type BudgetStatus = "none" | "on-track" | "at-risk" | "over";

export type BudgetView = {
  status: BudgetStatus;
  budgetUsd: number | null;
  spentUsd: number;
  forecastUsd: number;
  /** Spent as a share of the budget (0.5 = half), or null without a budget. */
  usedShare: number | null;
};

/**
 * @param spentUsd spend so far this month (usage plus any fixed fee)
 * @param dayOfMonth today's day of the month, 1-based (today counts as elapsed)
 * @param fixedUsd the part of spentUsd that does not grow with time (a plan's monthly fee)
 */
export function budgetView({
  budgetUsd,
  spentUsd,
  fixedUsd = 0,
  dayOfMonth,
  daysInMonth,
}: {
  budgetUsd: number | null;
  spentUsd: number;
  fixedUsd?: number;
  dayOfMonth: number;
  daysInMonth: number;
}): BudgetView {
  const variable = Math.max(0, spentUsd - fixedUsd);
  const forecastUsd = fixedUsd + (variable * daysInMonth) / Math.max(1, dayOfMonth);
  if (budgetUsd === null || budgetUsd <= 0)
    return { status: "none", budgetUsd: null, spentUsd, forecastUsd, usedShare: null };
  const status: BudgetStatus = spentUsd > budgetUsd ? "over" : forecastUsd > budgetUsd ? "at-risk" : "on-track";
  return { status, budgetUsd, spentUsd, forecastUsd, usedShare: spentUsd / budgetUsd };
}
