/**
 * Budget status of a monthly budget from month-to-date spend: over once spend passes the
 * budget, at risk when the month's forecast would pass it, on track otherwise. The forecast
 * is the spend model's (app/intelligence: weekdays, trend, month starts), with its 80%
 * range, when one is given; otherwise the month's pace as a straight line.
 */
export type BudgetStatus = "none" | "on-track" | "at-risk" | "over";

export type BudgetView = {
  status: BudgetStatus;
  budgetUsd: number | null;
  spentUsd: number;
  forecastUsd: number;
  /** The forecast's 80% range, when it comes from the spend model. */
  forecastRange: { lower: number; upper: number } | null;
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
  forecast,
}: {
  budgetUsd: number | null;
  spentUsd: number;
  fixedUsd?: number;
  dayOfMonth: number;
  daysInMonth: number;
  /** The model's forecast of the month's usage spend (fees excluded), with its 80% range. */
  forecast?: { expected: number; lower80: number; upper80: number } | null;
}): BudgetView {
  const variable = Math.max(0, spentUsd - fixedUsd);
  const forecastUsd = forecast
    ? fixedUsd + Math.max(forecast.expected, variable)
    : fixedUsd + (variable * daysInMonth) / Math.max(1, dayOfMonth);
  const forecastRange = forecast
    ? { lower: fixedUsd + Math.max(forecast.lower80, variable), upper: fixedUsd + Math.max(forecast.upper80, variable) }
    : null;
  if (budgetUsd === null || budgetUsd <= 0)
    return { status: "none", budgetUsd: null, spentUsd, forecastUsd, forecastRange, usedShare: null };
  const status: BudgetStatus = spentUsd > budgetUsd ? "over" : forecastUsd > budgetUsd ? "at-risk" : "on-track";
  return { status, budgetUsd, spentUsd, forecastUsd, forecastRange, usedShare: spentUsd / budgetUsd };
}
