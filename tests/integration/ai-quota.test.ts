import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeAnthropicForTheApp } from "../support/ai-test-app";
import type { FakeAnthropic } from "../support/fake-anthropic";

const fake: FakeAnthropic = await fakeAnthropicForTheApp({ defaultChunkDelayMs: 0 });

const { prisma } = await import("~/db/client.server");
const { dayStart, nextDayStart } = await import("~/time/days");
const { startTestApp } = await import("../support/app-server");
const { CookieClient } = await import("../support/browserless-client");
const { TEST_PASSWORD } = await import("../support/factories");
const { aiChatSetup, answersSettled } = await import("../support/ai");

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

async function loggedIn(email: string) {
  const client = new CookieClient(app.baseUrl);
  await client.logIn(email, TEST_PASSWORD);
  return client;
}

describe("daily AI quotas per tier, exact under concurrency", () => {
  it("admits exactly 3 of 200 simultaneous questions from a Free user with 3 left, and refuses the rest with 429 and the reset time", async () => {
    const { owner, workspace, document } = await aiChatSetup("FREE");
    await prisma.aiQuotaDay.create({ data: { userId: owner.id, day: dayStart(new Date()), used: 47 } });
    const client = await loggedIn(owner.email);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        client.request(`/w/${workspace.id}/d/${document.id}/ask`, {
          method: "POST",
          json: { mode: "GENERATE", language: "go", prompt: `question ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(197);
    const refused = responses.find((r) => r.status === 429)!;
    const body = await refused.json();
    expect(body.error).toBe("You have used all 50 AI generations for today on the free plan. They reset at 00:00 UTC.");
    expect(body.resetAt).toBe(nextDayStart(new Date()).toISOString());
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    await answersSettled(document.id, 3);
    expect(await prisma.aiGeneration.count({ where: { userId: owner.id } })).toBe(3);
    expect(await prisma.aiMessage.count({ where: { documentId: document.id } })).toBe(6);
    expect((await prisma.aiQuotaDay.findFirstOrThrow({ where: { userId: owner.id } })).used).toBe(50);
  }, 120_000);

  it("gives Pro 200 a day, counts each person separately, and leaves Enterprise unlimited", async () => {
    const pro = await aiChatSetup("PRO", [{ name: "Teammate", role: "MEMBER" }]);
    await prisma.aiQuotaDay.create({ data: { userId: pro.owner.id, day: dayStart(new Date()), used: 199 } });
    const owner = await loggedIn(pro.owner.email);
    const teammate = await loggedIn(pro.others[0]!.email);
    const url = `/w/${pro.workspace.id}/d/${pro.document.id}/ask`;
    const json = { mode: "GENERATE", language: "ruby", prompt: "hi" };
    expect((await owner.request(url, { method: "POST", json })).status).toBe(202);
    expect((await owner.request(url, { method: "POST", json })).status).toBe(429);
    expect((await teammate.request(url, { method: "POST", json })).status).toBe(202);

    const enterprise = await aiChatSetup("ENTERPRISE");
    await prisma.aiQuotaDay.create({ data: { userId: enterprise.owner.id, day: dayStart(new Date()), used: 100_000 } });
    const big = await loggedIn(enterprise.owner.email);
    expect(
      (await big.request(`/w/${enterprise.workspace.id}/d/${enterprise.document.id}/ask`, { method: "POST", json }))
        .status,
    ).toBe(202);
    const quota = await (await big.request(`/w/${enterprise.workspace.id}/ai/quota`)).json();
    expect(quota).toMatchObject({ limit: null, left: null, used: 100_001 });
    await answersSettled(pro.document.id, 2);
    await answersSettled(enterprise.document.id, 1);
  });
});
