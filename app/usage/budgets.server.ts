import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { combine, subscriptionForecasts } from "~/intelligence/forecasts.server";
import { budgetView } from "./budget";
import { daysInMonth, startOfMonth, toDay } from "~/time/days";
import { costCenterSpend, listSpendSubjects, listSubscriptions, spendTotals } from "./spend.server";

/**
 * Monthly budgets of an organisation: what each subscription and cost center has spent this
 * month against its budget, and setting those budgets. The same budgetView the cost cards
 * use, so a card and this page never disagree about a status; forecasts come from the spend
 * model (app/intelligence/forecasts.server.ts), with their 80% range.
 */
export async function budgetOverview(organizationId: string, now = new Date()) {
  const today = toDay(now);
  const month = { organizationId, from: startOfMonth(today), to: today };
  const dayOfMonth = Number(today.slice(8, 10));
  const days = daysInMonth(today);
  const [subscriptions, totals, subjects, centerTotals, allocations] = await Promise.all([
    listSubscriptions(organizationId),
    spendTotals({ ...month, groupBy: "subscription" }),
    listSpendSubjects(organizationId),
    costCenterSpend(month),
    prisma.costCenterAllocation.findMany({
      where: { costCenter: { organizationId }, subscription: { team: { organizationId } } },
      select: { costCenterId: true, subscriptionId: true, sharePercent: true },
    }),
  ]);
  const forecasts = await subscriptionForecasts(
    organizationId,
    subscriptions.map((s) => s.id),
    now,
  );
  const centerForecast = (centerId: string) => {
    const shares = allocations.filter((a) => a.costCenterId === centerId && forecasts.has(a.subscriptionId));
    return combine(
      shares.map((a) => forecasts.get(a.subscriptionId)!),
      shares.map((a) => Number(a.sharePercent) / 100),
    );
  };
  const usage = new Map(totals.map((t) => [t.key, t.costUsd]));
  const centerUsage = new Map(centerTotals.map((t) => [t.key, t.costUsd]));
  return {
    month: month.from.slice(0, 7),
    subscriptions: subscriptions.map((s) => {
      const planFeeUsd = s.plan.monthlyFeeUsd;
      return {
        id: s.id,
        apiName: s.api.name,
        planName: s.plan.name,
        teamName: s.team.name,
        budget: budgetView({
          budgetUsd: s.monthlyBudgetUsd,
          spentUsd: (usage.get(s.id) ?? 0) + planFeeUsd,
          fixedUsd: planFeeUsd,
          dayOfMonth,
          daysInMonth: days,
          forecast: forecasts.get(s.id)?.monthEnd,
        }),
      };
    }),
    costCenters: subjects.costCenters.map((c) => ({
      id: c.id,
      name: c.name,
      budget: budgetView({
        budgetUsd: c.monthlyBudgetUsd,
        spentUsd: centerUsage.get(c.id) ?? 0,
        dayOfMonth,
        daysInMonth: days,
        forecast: centerForecast(c.id)?.monthEnd,
      }),
    })),
  };
}
export type BudgetOverview = Awaited<ReturnType<typeof budgetOverview>>;

/** An amount in dollars from a form field ("$1,200.50" is fine); empty means "no budget". */
const BudgetAmount = z
  .string({ error: "Enter the budget in dollars, or leave it empty for no budget." })
  .transform((raw, ctx) => {
    const amount = raw.replace(/[$,\s]/g, "");
    if (amount === "") return null;
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!/^\d+(\.\d{1,2})?$/.test(amount))
      return fail("Enter the budget in dollars, like 250 or 1200.50, or leave it empty for no budget.");
    const usd = Number(amount);
    if (usd === 0) return fail("A budget must be more than $0; leave it empty for no budget.");
    if (usd > 100_000_000) return fail("That budget is larger than we track: $100,000,000 a month at most.");
    return usd;
  });

export const SetBudgetSchema = z.object({
  target: z.enum(["subscription", "costCenter"], { error: "Choose a subscription or a cost center." }),
  id: z.string().uuid("Choose what to budget."),
  monthlyBudgetUsd: BudgetAmount,
});
export type SetBudget = z.infer<typeof SetBudgetSchema>;

/**
 * Sets (or clears, with null) one monthly budget of the organisation. Answers false when the
 * subscription or cost center is not the organisation's, so an id from elsewhere changes
 * nothing and says nothing about whether it exists.
 */
export async function setBudget(
  organizationId: string,
  { target, id, monthlyBudgetUsd }: SetBudget,
  audit: AuditOrigin,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before =
      target === "subscription"
        ? await tx.subscription
            .findFirst({
              where: { id, team: { organizationId } },
              select: {
                monthlyBudgetUsd: true,
                team: { select: { name: true } },
                plan: { select: { api: { select: { name: true } } } },
              },
            })
            .then((s) => s && { amount: s.monthlyBudgetUsd, label: `${s.plan.api.name} (${s.team.name})` })
        : await tx.costCenter
            .findFirst({ where: { id, organizationId }, select: { monthlyBudgetUsd: true, name: true } })
            .then((c) => c && { amount: c.monthlyBudgetUsd, label: c.name });
    if (!before) return false;
    if (target === "subscription") await tx.subscription.update({ where: { id }, data: { monthlyBudgetUsd } });
    else await tx.costCenter.update({ where: { id }, data: { monthlyBudgetUsd } });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "budget.changed",
        target: { type: target === "subscription" ? "subscription" : "cost center", id, label: before.label },
        before: { monthlyBudgetUsd: before.amount?.toString() ?? null },
        after: { monthlyBudgetUsd: monthlyBudgetUsd?.toString() ?? null },
      },
      tx,
    );
    return true;
  });
}
