import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../prisma/demo/users";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { startHttpTarget } from "../support/http-target";

// The job workers run in this process on the source modules, whose configuration is read once:
// the allowed webhook target must be in the environment before any app module is imported.
const target = await startHttpTarget();
Object.assign(process.env, { REQUEST_ALLOWED_HOSTS: `127.0.0.1:${target.port}`, JOB_POLL_SECONDS: "0.5" });
const { prisma } = await import("~/db/client.server");
const { costDataFor } = await import("~/canvas/cost-data.server");
const { createIngestionToken } = await import("~/usage/ingestion-tokens.server");
const { verifyWebhookSignature, SIGNATURE_HEADER } = await import("~/webhooks/signature");
const { seedDemoData } = await import("../../prisma/seed");
const { createUser, createWorkspaceWith, TEST_PASSWORD } = await import("../support/factories");
const { eventually } = await import("../support/wait");

/**
 * Cost intelligence end to end, without a browser: the demo seed's detection run, the page and
 * its actions through the app, and a fresh spike sent through the ingestion API, found by the
 * detection job the batch enqueues and announced in-app and by a signed webhook.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let organizationId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startTestApp();
  organizationId = (await seedDemoData(prisma, { passwords: "published" })).organizationId!;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await target.close();
});

const demo = async (name: "ada" | "grace" | "victor") => {
  const user = DEMO_USERS.find((u) => u.email.startsWith(name))!;
  const client = new CookieClient(app.baseUrl);
  await client.logIn(user.email, user.password);
  return client;
};

async function openAiSubscription() {
  return prisma.subscription.findFirstOrThrow({
    where: { team: { organizationId }, plan: { api: { slug: "openai" } } },
    select: { id: true },
  });
}

describe("cost intelligence", () => {
  it("flags the demo's 3-day 3x OpenAI spike as critical, with the batch key as its root cause", async () => {
    const openai = await openAiSubscription();
    const spike = await prisma.anomaly.findFirst({
      where: { organizationId, seriesKey: `subscription:${openai.id}`, granularity: "DAY", kind: "SPIKE" },
    });
    expect(spike).not.toBeNull();
    expect(spike!.severity).toBe("CRITICAL");
    // The seed puts it on the 70th of its 90 days (20 days ago), for three days: the alert comes on its first.
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    expect(spike!.alertAt.getTime()).toBe(today - 20 * DAY);
    expect(spike!.startedAt.getTime()).toBe(today - 20 * DAY);
    expect(Number(spike!.actualUsd)).toBeGreaterThan(2 * Number(spike!.expectedUsd));
    const causes = spike!.rootCause as { dimension: string; value: string; label: string; share: number }[];
    const key = causes.find((c) => c.dimension === "apiKey");
    expect(key?.label).toMatch(/^OpenAI batch jobs \(Data\)/);
    // Two thirds of those days came from the batch key: most of the difference, the rest is noise.
    expect(key!.share).toBeGreaterThan(0.6);
    expect(causes.filter((c) => c.dimension === "apiKey")[0]).toBe(key);
    expect(causes.find((c) => c.dimension === "region")?.value).toBe("eu-west-1");

    // The subscription's cost card marks the spike's days on its sparkline and shows a forecast.
    const { results } = await costDataFor(organizationId, [{ kind: "card", subscriptionId: openai.id }]);
    const card = Object.values(results)[0]!;
    if (card.kind !== "card") throw new Error(`no card: ${card.kind}`);
    const typical = [...card.sparkline].sort((a, b) => a - b)[Math.floor(card.sparkline.length / 2)]!;
    expect(card.anomalies.length).toBeGreaterThanOrEqual(1);
    for (const mark of card.anomalies) expect(card.sparkline[mark.index]).toBeGreaterThan(2 * typical);
    expect(card.forecast!.lower80).toBeLessThanOrEqual(card.forecast!.expected);
    expect(card.forecast!.expected).toBeLessThanOrEqual(card.forecast!.upper80);

    // Controls: most of the demo's subscriptions have no anomaly at all.
    const subscriptions = await prisma.subscription.count({ where: { team: { organizationId } } });
    const flagged = await prisma.anomaly.groupBy({
      by: ["subjectId"],
      where: { organizationId, seriesKey: { startsWith: "subscription:" }, granularity: "DAY" },
    });
    expect(flagged.length).toBeLessThanOrEqual(Math.ceil(subscriptions / 3));
  });

  it("shows the page to members only, takes feedback that moves the series' sensitivity, refuses bad input", async () => {
    const openai = await openAiSubscription();
    const spike = await prisma.anomaly.findFirstOrThrow({
      where: { organizationId, seriesKey: `subscription:${openai.id}`, granularity: "DAY", kind: "SPIKE" },
    });
    const page = `/orgs/${organizationId}/intelligence`;
    const viewer = await demo("victor");
    const html = await (await viewer.request(page)).text();
    expect(html).toContain("Cost intelligence");
    expect(html).toContain("OpenAI API");
    // The anomaly on its band, and the forecast with its bands, as charts.
    expect(html.match(/<svg[^>]*class="band-chart"[^>]*role="img"/g)).toHaveLength(2);
    expect(html).toContain('data-testid="forecast-month-end"');
    // Benchmarks: the demo's marketplace has cohorts of five and more organisations.
    expect(html).not.toContain("No usage yet to compare with the marketplace.");

    const outsider = await createUser("Outsider");
    const stranger = new CookieClient(app.baseUrl);
    await stranger.logIn(outsider.email, TEST_PASSWORD);
    expect((await stranger.request(page)).status).toBe(404);
    // Their own organisation has no usage yet: every section says what to do next.
    const own = await createWorkspaceWith([{ userId: outsider.id, role: "OWNER" }]);
    const empty = await (await stranger.request(`/orgs/${own.organizationId}/intelligence`)).text();
    expect(empty).toContain("No anomalies. Detection watches every subscription");
    expect(empty).toContain("Forecasts need four weeks of usage. Send usage through the ingestion API to start.");
    expect(empty).toContain("No savings found in the last 30 days of usage.");
    expect(empty).toContain("No usage yet to compare with the marketplace.");
    expect((await stranger.request(page, { method: "POST", form: { intent: "refresh" } })).status).toBe(404);
    // Viewers read; they neither give feedback nor run detection.
    expect(
      (
        await viewer.request(page, {
          method: "POST",
          form: { intent: "feedback", anomalyId: spike.id, verdict: "expected" },
        })
      ).status,
    ).toBe(403);

    const member = await demo("grace");
    expect((await member.request(page, { method: "POST", form: { intent: "refresh" } })).status).toBe(403);
    const bad = await member.request(page, {
      method: "POST",
      form: { intent: "feedback", anomalyId: spike.id, verdict: "maybe" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Say whether it was expected or a real problem.");
    const forged = await member.request(page, {
      method: "POST",
      form: { intent: "feedback", anomalyId: crypto.randomUUID(), verdict: "expected" },
    });
    expect(forged.status).toBe(404);

    const where = {
      organizationId_seriesKey_granularity: { organizationId, seriesKey: spike.seriesKey, granularity: "DAY" as const },
    };
    const before = (await prisma.detectionState.findUniqueOrThrow({ where })).sensitivity;
    const ok = await member.request(page, {
      method: "POST",
      form: { intent: "feedback", anomalyId: spike.id, verdict: "expected" },
    });
    expect(ok.status).toBe(200);
    const after = (await prisma.detectionState.findUniqueOrThrow({ where })).sensitivity;
    // Dismissed as expected: that series needs a larger deviation before it alerts again.
    expect(after).toBeCloseTo(before * 1.25, 6);
    expect((await prisma.anomaly.findUniqueOrThrow({ where: { id: spike.id } })).status).toBe("DISMISSED");
    // Changing one's mind undoes the first verdict rather than compounding it.
    await member.request(page, {
      method: "POST",
      form: { intent: "feedback", anomalyId: spike.id, verdict: "confirmed" },
    });
    expect((await prisma.detectionState.findUniqueOrThrow({ where })).sensitivity).toBeCloseTo(before * 0.9, 6);
  });

  it("finds a spike sent through the ingestion API with the job the batch enqueues, and announces it in-app and by a signed webhook", async () => {
    const owner = await demo("ada");
    const webhooks = `/orgs/${organizationId}/webhooks`;
    const refused = await owner.request(webhooks, {
      method: "POST",
      form: { intent: "create", url: "http://10.0.0.1/hook", format: "JSON" },
    });
    expect(refused.status).toBe(400);
    const created = await owner.request(webhooks, {
      method: "POST",
      form: { intent: "create", url: `${target.baseUrl}/echo`, format: "JSON", events: "anomaly.detected" },
    });
    expect(created.status).toBe(200);
    const secret = /whsec_[A-Za-z0-9_-]{43}/.exec(await created.text())?.[0];
    expect(secret).toBeDefined();

    // The subscription with most spend yesterday among those with no anomaly yet.
    const yesterday = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - DAY,
    );
    const flagged = new Set(
      (await prisma.anomaly.findMany({ where: { organizationId }, select: { subjectId: true } })).map(
        (a) => a.subjectId,
      ),
    );
    const records = await prisma.usageRecord.findMany({
      where: { day: yesterday, subscription: { team: { organizationId } }, costUsd: { gt: 0 } },
      orderBy: { costUsd: "desc" },
    });
    const record = records.find((r) => !flagged.has(r.subscriptionId))!;
    const dayCost = records
      .filter((r) => r.subscriptionId === record.subscriptionId)
      .reduce((a, r) => a + Number(r.costUsd), 0);
    const price = await prisma.planUnitPrice.findFirstOrThrow({
      where: {
        plan: { subscriptions: { some: { id: record.subscriptionId } } },
        OR: [{ operation: record.operation }, { operation: null }],
        pricePerUnit: { gt: 0 },
      },
      orderBy: { operation: "asc" },
    });
    const owner_ = await prisma.user.findFirstOrThrow({ where: { email: DEMO_USERS[0]!.email } });
    const { token } = await createIngestionToken(
      { organizationId, name: "spike test", createdById: owner_.id },
      { actor: { id: owner_.id, name: owner_.name, email: owner_.email }, ip: null, userAgent: null },
    );
    // 1,000 events yesterday that together cost about five times the day's usual spend.
    const unitsPerEvent = Math.ceil((5 * dayCost) / Number(price.pricePerUnit) / 1000);
    const events = Array.from({ length: 1000 }, (_, i) => ({
      eventId: `spike-${i}`,
      subscriptionId: record.subscriptionId,
      operation: record.operation,
      units: { [price.unit]: unitsPerEvent },
      occurredAt: new Date(yesterday.getTime() + 12 * 3_600_000 + i * 1000).toISOString(),
    }));
    const sent = await fetch(`${app.baseUrl}/api/usage/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
    });
    expect((await sent.json()).accepted).toBe(1000);

    const found = await poll(() =>
      prisma.anomaly.findFirst({
        where: {
          organizationId,
          seriesKey: `subscription:${record.subscriptionId}`,
          granularity: "DAY",
          alertAt: yesterday,
        },
      }),
    );
    expect(found.kind).toBe("SPIKE");
    expect(found.severity).toBe("CRITICAL");

    const delivery = await poll(async () =>
      target.received.find((r) => r.path === "/echo" && r.body.includes(found.id)),
    );
    expect(delivery.headers["x-marketplace-event"]).toBe("anomaly.detected");
    const signature = String(delivery.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(verifyWebhookSignature(secret!, delivery.body, signature)).toBe(true);
    expect(
      verifyWebhookSignature(
        secret!,
        delivery.body.replace("CRITICAL", "WARNING").replace("critical", "warning"),
        signature,
      ),
    ).toBe(false);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ event: "anomaly.detected", data: { anomalyId: found.id, severity: "critical" } });
    expect(body.text).toMatch(/^Critical: /);
    const logged = await poll(() =>
      prisma.webhookDelivery.findFirst({ where: { status: "DELIVERED", body: { contains: found.id } } }),
    );
    expect(logged.responseStatus).toBe(200);

    const notified = await prisma.notification.findFirst({
      where: { userId: owner_.id, link: { contains: found.id } },
    });
    expect(notified).not.toBeNull();
  }, 90_000);
});

async function poll<T>(read: () => Promise<T | null | undefined>, timeoutMs = 45_000): Promise<T> {
  return eventually(read, { timeout: timeoutMs, interval: 250 });
}
