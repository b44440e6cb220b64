import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { createIngestionToken, revokeIngestionToken } from "~/usage/ingestion-tokens.server";
import { startTestApp } from "../support/app-server";
import { createUser, createWorkspaceWith } from "../support/factories";
import { createPlan, createSubscription } from "../support/usage-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** An organisation with one subscription to a token-priced plan with an SMS allowance, and a token. */
async function setup() {
  const owner = await createUser("Owner");
  const workspace = await createWorkspaceWith([{ userId: owner.id, role: "OWNER" }]);
  const { planId } = await createPlan([
    { unit: "input_token", operation: "chat", pricePerUnit: 0.000003 },
    { unit: "output_token", operation: "chat", pricePerUnit: 0.000015 },
    { unit: "sms", operation: "send", pricePerUnit: 0.01, includedUnits: 100 },
  ]);
  const { subscriptionId } = await createSubscription(workspace.organizationId, planId);
  const { token, id: tokenId } = await createIngestionToken(
    { organizationId: workspace.organizationId, name: "pipeline", createdById: owner.id },
    { actor: owner },
  );
  const send = (events: unknown[], bearer = token) =>
    fetch(`${app.baseUrl}/api/usage/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ events }),
    });
  return { organizationId: workspace.organizationId, subscriptionId, token, tokenId, send };
}

// Yesterday, so no hour of it is in the future whenever the tests run.
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`;

async function totals(subscriptionId: string) {
  const records = await prisma.usageRecord.findMany({ where: { subscriptionId } });
  return {
    events: await prisma.usageEvent.count({ where: { subscriptionId } }),
    calls: records.reduce((a, r) => a + r.calls, 0),
    units: records.reduce((a, r) => a + Number(r.units), 0),
    cost: records.reduce((a, r) => a + Number(r.costUsd), 0),
  };
}

describe("usage ingestion", () => {
  it("counts a batch once however often it is retried, one after another or all at once", async () => {
    const { subscriptionId, send } = await setup();
    const batch = Array.from({ length: 50 }, (_, i) => ({
      eventId: `chat-${i}`,
      subscriptionId,
      operation: "chat",
      units: { input_token: 1000, output_token: 200 },
      occurredAt: at(0),
    }));

    const first = await send(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 50, duplicates: [], rejected: [] });
    for (let retry = 0; retry < 3; retry++) {
      const again = await send(batch);
      expect(await again.json()).toMatchObject({ accepted: 0, rejected: [] });
    }
    const concurrent = await Promise.all([send(batch), send(batch), send(batch)]);
    for (const response of concurrent) expect((await response.json()).accepted).toBe(0);

    const cost = 50 * (1000 * 0.000003 + 200 * 0.000015);
    expect(await totals(subscriptionId)).toMatchObject({ events: 50, calls: 50, units: 60_000 });
    expect((await totals(subscriptionId)).cost).toBeCloseTo(cost, 6);
  });

  it("counts a batch once when its first three sends race each other", async () => {
    const { subscriptionId, send } = await setup();
    const batch = Array.from({ length: 200 }, (_, i) => ({
      eventId: `race-${i}`,
      subscriptionId,
      operation: "send",
      units: 1,
      occurredAt: at(1),
    }));
    const results = await Promise.all([send(batch), send(batch), send(batch)].map(async (r) => (await r).json()));
    expect(results.reduce((a, r) => a + r.accepted, 0)).toBe(200);
    expect(results.reduce((a, r) => a + r.duplicates.length, 0)).toBe(400);
    // 200 SMS with 100 included: exactly 100 are charged, never the allowance twice.
    const t = await totals(subscriptionId);
    expect(t).toMatchObject({ events: 200, calls: 200, units: 200 });
    expect(t.cost).toBeCloseTo(100 * 0.01, 6);
  });

  it("accepts the good events of a batch and reports each bad one with its reasons", async () => {
    const { subscriptionId, send } = await setup();
    const good = { subscriptionId, operation: "chat", units: { input_token: 10, output_token: 10 }, occurredAt: at(2) };
    const response = await send([
      { ...good, eventId: "ok-1" },
      { ...good, eventId: undefined },
      { ...good, eventId: "bad-sub", subscriptionId: crypto.randomUUID() },
      { ...good, eventId: "bad-unit", units: { pixels: 3 } },
      { ...good, eventId: "bad-time", occurredAt: "last tuesday" },
      { ...good, eventId: "future", occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      { ...good, eventId: "which-unit", units: 5 },
      "not even an object",
      { ...good, eventId: "ok-2" },
      { ...good, eventId: "ok-1" },
    ]);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toEqual(["ok-1"]);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const reasons = Object.fromEntries(
      body.rejected.map((r: { index: number; reasons: string[] }) => [r.index, r.reasons.join("; ")]),
    );
    expect(reasons[1]).toMatch(/eventId is missing/);
    expect(reasons[2]).toMatch(/not one of your organisation's subscriptions/);
    expect(reasons[3]).toMatch(/no price for "pixels"/);
    expect(reasons[4]).toMatch(/occurredAt is not an ISO 8601 time/);
    expect(reasons[5]).toMatch(/in the future/);
    expect(reasons[6]).toMatch(/say which unit/);
    expect(body.rejected[1].eventId).toBe("bad-sub");
    expect(await totals(subscriptionId)).toMatchObject({ events: 2, calls: 2 });
  });

  it("answers 422 when nothing in the batch could be counted", async () => {
    const { subscriptionId, send } = await setup();
    const response = await send([{ eventId: "x", subscriptionId, units: -5, occurredAt: at(3) }]);
    expect(response.status).toBe(422);
    expect((await response.json()).rejected[0].reasons[0]).toMatch(/cannot be negative/);
  });

  it("never counts usage for another organisation's subscription", async () => {
    const mine = await setup();
    const theirs = await setup();
    const response = await mine.send([
      { eventId: "cross", subscriptionId: theirs.subscriptionId, operation: "send", units: 1, occurredAt: at(4) },
    ]);
    expect((await response.json()).rejected[0].reasons[0]).toMatch(/not one of your organisation's subscriptions/);
    expect((await totals(theirs.subscriptionId)).events).toBe(0);
  });

  it("needs a live token of the organisation and a readable batch", async () => {
    const { organizationId, tokenId, subscriptionId, send } = await setup();
    const event = { eventId: "a", subscriptionId, operation: "send", units: 1, occurredAt: at(5) };
    const anonymous = await fetch(`${app.baseUrl}/api/usage/events`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/Authorization: Bearer/);
    expect((await send([event], "amp_ingest_guessed")).status).toBe(401);

    const tooMany = await send(Array.from({ length: 1001 }, (_, i) => ({ ...event, eventId: `e${i}` })));
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toMatch(/at most 1000 events/);

    await revokeIngestionToken(organizationId, tokenId, { actor: { system: "test" } });
    const revoked = await send([event]);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toMatch(/revoked/);
    expect((await totals(subscriptionId)).events).toBe(0);
  });

  it("stores only a hash of the token, and when it was last used", async () => {
    const { token, tokenId, subscriptionId, send } = await setup();
    await send([{ eventId: "used", subscriptionId, operation: "send", units: 1, occurredAt: at(6) }]);
    const row = await prisma.ingestionToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(JSON.stringify(row)).not.toContain(token.slice(11));
    expect(row.prefix).toBe(token.slice(0, 15));
    expect(row.lastUsedAt).not.toBeNull();
  });
});
