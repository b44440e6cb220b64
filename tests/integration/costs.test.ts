import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costDataFor } from "~/canvas/cost-data.server";
import { prisma } from "~/db/client.server";
import { addDays, toDay } from "~/time/days";
import { budgetOverview } from "~/usage/budgets.server";
import { costCenterSpend, spendSeries, spendTotals } from "~/usage/spend.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { createPlan, createSubscription } from "../support/usage-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Two teams of one organisation, with daily usage, a cost center holding half of one; and a stranger's subscription. */
async function setup() {
  const [owner, member] = await Promise.all([createUser("Owner"), createUser("Member")]);
  const workspace = await createWorkspaceWith([
    { userId: owner.id, role: "OWNER" },
    { userId: member.id, role: "MEMBER" },
  ]);
  const org = workspace.organizationId;
  const a = await createPlan([{ unit: "request", pricePerUnit: 0.01 }], 49);
  const b = await createPlan([{ unit: "request", pricePerUnit: 0.02 }]);
  const platform = await createSubscription(org, a.planId, { team: "Platform", monthlyBudgetUsd: 100 });
  const growth = await createSubscription(org, b.planId, { team: "Growth" });
  const stranger = await createWorkspaceWith([{ userId: (await createUser("Stranger")).id, role: "OWNER" }]);
  const foreign = await createSubscription(stranger.organizationId, a.planId, { team: "Platform" });

  // $10 a day on Platform, $4 a day on Growth, for the last 400 days; the stranger spends $1,000 a day.
  const today = toDay(new Date());
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const day = new Date(`${addDays(today, -i)}T00:00:00Z`);
    rows.push({ subscriptionId: platform.subscriptionId, day, operation: "*", calls: 1000, units: 1000, costUsd: 10 });
    rows.push({ subscriptionId: growth.subscriptionId, day, operation: "*", calls: 200, units: 200, costUsd: 4 });
    rows.push({ subscriptionId: foreign.subscriptionId, day, operation: "*", calls: 1, units: 1, costUsd: 1000 });
  }
  await prisma.usageRecord.createMany({ data: rows });
  const center = await prisma.costCenter.create({ data: { organizationId: org, name: "R&D", monthlyBudgetUsd: 1 } });
  await prisma.costCenterAllocation.createMany({
    data: [
      { costCenterId: center.id, subscriptionId: platform.subscriptionId, sharePercent: 50 },
      { costCenterId: center.id, subscriptionId: foreign.subscriptionId, sharePercent: 100 },
    ],
  });
  return { owner, member, workspace, org, a, platform, growth, foreign, center, today };
}

describe("spend queries", () => {
  it("sums spend per team per month, and per API, within the organisation only", async () => {
    const { org, a, platform, growth, foreign, today } = await setup();
    const from = addDays(today, -29);
    const series = await spendSeries({ organizationId: org, from, to: today, groupBy: "team", bucket: "day" });
    expect(series.filter((r) => r.key === platform.teamId)).toHaveLength(30);
    expect(series.every((r) => r.costUsd === (r.key === platform.teamId ? 10 : 4))).toBe(true);

    const months = await spendSeries({
      organizationId: org,
      from: addDays(today, -364),
      to: today,
      groupBy: "subscription",
      bucket: "month",
    });
    expect(new Set(months.map((r) => r.bucket)).size).toBeGreaterThanOrEqual(12);
    expect(months.filter((r) => r.key === growth.subscriptionId).reduce((s, r) => s + r.costUsd, 0)).toBeCloseTo(
      365 * 4,
    );

    const byApi = await spendTotals({ organizationId: org, from, to: today, groupBy: "api" });
    expect(byApi.find((r) => r.key === a.apiId)).toMatchObject({ costUsd: 300, calls: 30_000 });

    // Another organisation's ids match nothing, even when asked for by id.
    const forged = await spendTotals({
      organizationId: org,
      from,
      to: today,
      groupBy: "subscription",
      ids: [foreign.subscriptionId],
    });
    expect(forged).toEqual([]);
  });

  it("splits a subscription's spend across cost centers by share", async () => {
    const { org, center, today } = await setup();
    const [row] = await costCenterSpend({ organizationId: org, from: addDays(today, -9), to: today });
    expect(row).toMatchObject({ key: center.id });
    expect(row!.costUsd).toBeCloseTo(10 * 10 * 0.5); // the stranger's allocation is not ours
  });

  it("gives a cost card its month, its 90-day sparkline and its budget status", async () => {
    const { org, platform, today } = await setup();
    const key = `card:${platform.subscriptionId}`;
    const { results } = await costDataFor(org, [{ kind: "card", subscriptionId: platform.subscriptionId }]);
    const card = results[key]!;
    expect(card.kind).toBe("card");
    if (card.kind !== "card") return;
    const dayOfMonth = Number(today.slice(8, 10));
    expect(card.sparkline).toHaveLength(90);
    expect(card.monthToDateUsd).toBeCloseTo(dayOfMonth * 10);
    expect(card.planFeeUsd).toBe(49);
    // $10 a day + $49 fee against a $100 budget: over after day 5, at risk before.
    expect(card.budget.status).toBe(dayOfMonth * 10 + 49 > 100 ? "over" : "at-risk");
  });
});

describe("the cost data endpoint", () => {
  it("serves members their organisation's numbers, and nothing of anyone else's", async () => {
    const { member, workspace, platform, growth, foreign, center } = await setup();
    const client = new CookieClient(app.baseUrl);
    await client.logIn(member.email, TEST_PASSWORD);
    const q = JSON.stringify([
      { kind: "card", subscriptionId: foreign.subscriptionId },
      {
        kind: "chart",
        groupBy: "subscription",
        ids: [platform.subscriptionId, growth.subscriptionId, foreign.subscriptionId],
        period: "12m",
      },
      { kind: "total", groupBy: "costCenter", id: center.id, period: "month" },
    ]);
    const response = await client.request(`/w/${workspace.id}/costs?${new URLSearchParams({ q })}`);
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results[`card:${foreign.subscriptionId}`]).toMatchObject({ kind: "missing" });
    const chart = Object.values(results).find((r) => (r as { kind: string }).kind === "chart") as {
      series: { id: string }[];
      buckets: string[];
      bucket: string;
    };
    expect(chart.series.map((s) => s.id).sort()).toEqual([platform.subscriptionId, growth.subscriptionId].sort());
    expect(chart).toMatchObject({ bucket: "month" });
    expect(chart.buckets).toHaveLength(12);
    expect(results[`total:costCenter:month:${center.id}`]).toMatchObject({
      kind: "total",
      name: "R&D",
      budget: { status: "over" },
    });

    const catalog = await (await client.request(`/w/${workspace.id}/costs`)).json();
    expect(catalog.subscriptions.map((s: { id: string }) => s.id).sort()).toEqual(
      [platform.subscriptionId, growth.subscriptionId].sort(),
    );

    const bad = await client.request(`/w/${workspace.id}/costs?q=${encodeURIComponent('[{"kind":"card"}]')}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/binding is not valid/);

    const outsider = new CookieClient(app.baseUrl);
    const stranger = await createUser("Nosy");
    await createWorkspaceWith([{ userId: stranger.id, role: "OWNER" }]);
    await outsider.logIn(stranger.email, TEST_PASSWORD);
    expect((await outsider.request(`/w/${workspace.id}/costs`)).status).toBe(404);
  });
});

describe("the ingestion tokens page", () => {
  it("is for owners and admins, shows a new token once, and revokes", async () => {
    const { owner, member, org } = await setup();
    const page = `/orgs/${org}/ingestion-tokens`;
    const memberClient = new CookieClient(app.baseUrl);
    await memberClient.logIn(member.email, TEST_PASSWORD);
    expect((await memberClient.request(page)).status).toBe(403);

    const ownerClient = new CookieClient(app.baseUrl);
    await ownerClient.logIn(owner.email, TEST_PASSWORD);
    const created = await ownerClient.request(page, {
      method: "POST",
      form: { intent: "create", name: "billing pipeline" },
    });
    expect(created.status).toBe(200);
    const token = /amp_ingest_[A-Za-z0-9_-]{43}/.exec(await created.text())?.[0];
    expect(token).toBeDefined();
    const later = await (await ownerClient.request(page)).text();
    expect(later).toContain("billing pipeline");
    expect(later).not.toContain(token);

    const noName = await ownerClient.request(page, { method: "POST", form: { intent: "create", name: " " } });
    expect(noName.status).toBe(400);

    const row = await prisma.ingestionToken.findFirstOrThrow({ where: { organizationId: org } });
    expect(
      (await ownerClient.request(page, { method: "POST", form: { intent: "revoke", tokenId: row.id } })).status,
    ).toBe(200);
    expect((await prisma.ingestionToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    expect(
      (await ownerClient.request(page, { method: "POST", form: { intent: "revoke", tokenId: row.id } })).status,
    ).toBe(404);
  });
});

describe("the budgets page", () => {
  it("shows every member this month's spend against budgets, computed like the cost cards", async () => {
    const { org, platform, growth, center, today } = await setup();
    const overview = await budgetOverview(org);
    const dayOfMonth = Number(today.slice(8, 10));
    const platformRow = overview.subscriptions.find((s) => s.id === platform.subscriptionId)!;
    // $10 a day so far this month plus the plan's $49 fee, against a $100 budget.
    expect(platformRow.budget.spentUsd).toBeCloseTo(10 * dayOfMonth + 49);
    expect(platformRow.budget.budgetUsd).toBe(100);
    expect(["at-risk", "over"]).toContain(platformRow.budget.status);
    expect(overview.subscriptions.find((s) => s.id === growth.subscriptionId)!.budget.status).toBe("none");
    expect(overview.subscriptions).toHaveLength(2); // the stranger's subscription is not listed
    expect(overview.costCenters).toEqual([
      expect.objectContaining({ id: center.id, name: "R&D", budget: expect.objectContaining({ status: "over" }) }),
    ]);
  });

  it("lets owners and admins set and clear budgets, refuses bad amounts and other organisations' ids, and lets members only look", async () => {
    const { owner, member, org, growth, foreign, center } = await setup();
    const page = `/orgs/${org}/budgets`;
    const memberClient = new CookieClient(app.baseUrl);
    await memberClient.logIn(member.email, TEST_PASSWORD);
    const seen = await memberClient.request(page);
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain("Owners and admins set budgets.");
    const memberSet = await memberClient.request(page, {
      method: "POST",
      form: { target: "subscription", id: growth.subscriptionId, monthlyBudgetUsd: "5" },
    });
    expect(memberSet.status).toBe(403);

    const ownerClient = new CookieClient(app.baseUrl);
    await ownerClient.logIn(owner.email, TEST_PASSWORD);
    const budgetOf = async (id: string) =>
      (await prisma.subscription.findUniqueOrThrow({ where: { id } })).monthlyBudgetUsd?.toString() ?? null;
    expect(await budgetOf(growth.subscriptionId)).toBeNull();

    const set = await ownerClient.request(page, {
      method: "POST",
      form: { target: "subscription", id: growth.subscriptionId, monthlyBudgetUsd: "$1,200.50" },
    });
    expect(set.status).toBe(200);
    expect(await budgetOf(growth.subscriptionId)).toBe("1200.5");

    for (const [amount, message] of [
      ["twelve", "Enter the budget in dollars"],
      ["-5", "Enter the budget in dollars"],
      ["12.345", "Enter the budget in dollars"],
      ["0", "more than $0"],
      ["200000000", "larger than we track"],
    ]) {
      const bad = await ownerClient.request(page, {
        method: "POST",
        form: { target: "subscription", id: growth.subscriptionId, monthlyBudgetUsd: amount! },
      });
      expect(bad.status, amount).toBe(400);
      expect(await bad.text()).toContain(message);
      expect(await budgetOf(growth.subscriptionId)).toBe("1200.5"); // nothing half-written
    }

    const cleared = await ownerClient.request(page, {
      method: "POST",
      form: { target: "subscription", id: growth.subscriptionId, monthlyBudgetUsd: " " },
    });
    expect(cleared.status).toBe(200);
    expect(await budgetOf(growth.subscriptionId)).toBeNull();

    const forged = await ownerClient.request(page, {
      method: "POST",
      form: { target: "subscription", id: foreign.subscriptionId, monthlyBudgetUsd: "1" },
    });
    expect(forged.status).toBe(404);
    expect(await budgetOf(foreign.subscriptionId)).toBeNull();

    const centerSet = await ownerClient.request(page, {
      method: "POST",
      form: { target: "costCenter", id: center.id, monthlyBudgetUsd: "2500" },
    });
    expect(centerSet.status).toBe(200);
    expect(Number((await prisma.costCenter.findUniqueOrThrow({ where: { id: center.id } })).monthlyBudgetUsd)).toBe(
      2500,
    );

    const outsider = new CookieClient(app.baseUrl);
    const stranger = await createUser("Nosy");
    await createWorkspaceWith([{ userId: stranger.id, role: "OWNER" }]);
    await outsider.logIn(stranger.email, TEST_PASSWORD);
    expect((await outsider.request(page)).status).toBe(404);
    expect(
      (
        await outsider.request(page, {
          method: "POST",
          form: { target: "costCenter", id: center.id, monthlyBudgetUsd: "1" },
        })
      ).status,
    ).toBe(404);
  });
});
