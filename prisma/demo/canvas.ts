import type { JsonObject } from "@liveblocks/node";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { DemoSubscription, DemoUsageRow } from "./usage";

/**
 * Demo data for cost features: monthly budgets on most subscriptions (a mix of on track,
 * at risk and over), two cost centers sharing the subscriptions, and the "Q3 API spend
 * review" canvas laid out with live cost cards, a chart, a total and a comment thread.
 */
export type DemoSubscriptionRef = { id: string; slug: string; team: string };

/** Budget as a share of the subscription's last 30 days of spend; none for GitHub. */
const BUDGET_FACTOR: Record<string, number | null> = { openai: 0.8, twilio: 1.02, github: null };

export async function seedDemoBudgets(
  prisma: PrismaClient,
  subscriptions: DemoSubscriptionRef[],
  usage: DemoUsageRow[],
  now: Date,
) {
  const since = now.getTime() - 30 * 86_400_000;
  for (const sub of subscriptions) {
    const factor = sub.slug in BUDGET_FACTOR ? BUDGET_FACTOR[sub.slug] : 1.3;
    if (factor === null || factor === undefined) continue;
    const last30 = usage
      .filter((r) => r.subscriptionId === sub.id && r.day.getTime() >= since)
      .reduce((a, r) => a + r.costUsd, 0);
    await prisma.subscription.update({
      where: { id: sub.id },
      data: { monthlyBudgetUsd: Math.max(10, Math.round(last30 * factor)) },
    });
  }
}

/**
 * This month's allowance counters, as ingestion would have left them: without them the
 * first events ingested this month would get the plans' included units a second time.
 */
export async function seedDemoMonthToDate(
  prisma: PrismaClient,
  subscriptions: DemoSubscription[],
  usage: DemoUsageRow[],
  now: Date,
) {
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const totals = new Map<string, number>();
  for (const row of usage) {
    if (row.day < month) continue;
    const perCall =
      subscriptions.find((s) => s.id === row.subscriptionId)?.profile.find((p) => p.operation === row.operation)
        ?.unitsPerCall ?? {};
    for (const [unit, amount] of Object.entries(perCall)) {
      const key = `${row.subscriptionId}|${unit}`;
      totals.set(key, (totals.get(key) ?? 0) + row.calls * amount);
    }
  }
  await prisma.usageMonthToDate.createMany({
    data: [...totals].map(([key, units]) => {
      const [subscriptionId, unit] = key.split("|") as [string, string];
      return { subscriptionId, month, unit, units };
    }),
  });
}

export async function seedDemoCostCenters(
  prisma: PrismaClient,
  organizationId: string,
  subscriptions: DemoSubscriptionRef[],
) {
  const rnd = await prisma.costCenter.create({ data: { organizationId, name: "R&D", monthlyBudgetUsd: 9000 } });
  const engagement = await prisma.costCenter.create({
    data: { organizationId, name: "Customer engagement", monthlyBudgetUsd: 2500 },
  });
  const allocations: { costCenterId: string; subscriptionId: string; sharePercent: number }[] = [];
  for (const sub of subscriptions) {
    if (sub.slug === "sendgrid") {
      // Transactional email is shared: half product (R&D), half customer engagement.
      allocations.push(
        { costCenterId: rnd.id, subscriptionId: sub.id, sharePercent: 50 },
        { costCenterId: engagement.id, subscriptionId: sub.id, sharePercent: 50 },
      );
    } else {
      allocations.push({
        costCenterId: sub.team === "Growth" ? engagement.id : rnd.id,
        subscriptionId: sub.id,
        sharePercent: 100,
      });
    }
  }
  await prisma.costCenterAllocation.createMany({ data: allocations });
  return { rnd: rnd.id, engagement: engagement.id };
}

type ShapeSeed = { id: string; type: string; x: number; y: number; props: JsonObject };

/** Lays out the demo canvas (tldraw shape records, as the browser would write them) and a thread. */
export async function seedDemoCanvas({
  document,
  subscriptions,
  teams,
  users,
}: {
  document: { id: string; roomId: string; workspaceId: string };
  subscriptions: DemoSubscriptionRef[];
  teams: Map<string, string>;
  users: { ada: string; grace: string };
}) {
  const { LiveObject } = await import("@liveblocks/node");
  const { liveblocks } = await import("../../app/rooms/liveblocks.server");
  const sub = (slug: string) => subscriptions.find((s) => s.slug === slug)!.id;
  const shapes: ShapeSeed[] = [
    {
      id: "shape:demo-openai",
      type: "cost-card",
      x: 0,
      y: 0,
      props: { w: 300, h: 210, subscriptionId: sub("openai") },
    },
    {
      id: "shape:demo-anthropic",
      type: "cost-card",
      x: 330,
      y: 0,
      props: { w: 300, h: 210, subscriptionId: sub("anthropic") },
    },
    {
      id: "shape:demo-twilio",
      type: "cost-card",
      x: 660,
      y: 0,
      props: { w: 300, h: 210, subscriptionId: sub("twilio") },
    },
    {
      id: "shape:demo-chart",
      type: "spend-chart",
      x: 0,
      y: 250,
      props: { w: 630, h: 300, groupBy: "team", ids: [...teams.values()], period: "90d" },
    },
    {
      id: "shape:demo-total",
      type: "cost-total",
      x: 660,
      y: 250,
      props: { w: 300, h: 170, groupBy: "team", subjectId: teams.get("Data")!, period: "month" },
    },
  ];
  await liveblocks().mutateStorage(document.roomId, ({ root }) => {
    const records = root.get("records");
    if (!records) return;
    shapes.forEach((shape, i) => {
      records.set(
        shape.id,
        new LiveObject({
          ...shape,
          typeName: "shape",
          rotation: 0,
          index: `a${i + 1}`,
          parentId: "page:page",
          isLocked: false,
          opacity: 1,
          meta: {},
        }),
      );
    });
  });

  const { performCommentAction } = await import("../../app/comments/comments.server");
  const actor = {
    workspaceId: document.workspaceId,
    document: { id: document.id, kind: "CANVAS" as const, roomId: document.roomId },
  };
  const created = await performCommentAction(
    { ...actor, userId: users.grace },
    {
      intent: "create",
      shapeId: "shape:demo-openai",
      x: 270,
      y: 20,
      body: "The spike three weeks ago: was that the batch re-embedding job? @Ada Lovelace",
    },
  );
  if (created.ok && created.threadId) {
    await performCommentAction(
      { ...actor, userId: users.ada },
      {
        intent: "reply",
        threadId: created.threadId,
        body: "Yes, a one-off. Next time we run it on the Batch API at half the price.",
      },
    );
  }
}
