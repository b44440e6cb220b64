import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeAnthropicForTheApp } from "../support/ai-test-app";
import type { FakeAnthropic } from "../support/fake-anthropic";

// The app reads its configuration once: point it at the fake Anthropic before any app code runs.
const fake: FakeAnthropic = await fakeAnthropicForTheApp();

const { prisma } = await import("~/db/client.server");
const { startTestApp } = await import("../support/app-server");
const { CookieClient } = await import("../support/browserless-client");
const { TEST_PASSWORD } = await import("../support/factories");
const { aiChatSetup, answersSettled, ensureCatalogApi, roomStorage, waitFor } = await import("../support/ai");

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
  await ensureCatalogApi("stripe");
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

async function as(email: string) {
  const client = new CookieClient(app.baseUrl);
  await client.logIn(email, TEST_PASSWORD);
  return client;
}

const ask = (
  client: InstanceType<typeof CookieClient>,
  workspaceId: string,
  documentId: string,
  body: Record<string, unknown>,
) =>
  client.request(`/w/${workspaceId}/d/${documentId}/ask`, {
    method: "POST",
    json: { mode: "GENERATE", language: "typescript", ...body },
  });

describe("the AI chat over HTTP, with the real SDK against the fake Messages API", () => {
  it("returns at once, streams the answer into the room, persists it and records usage and cost", async () => {
    const { owner, workspace, document } = await aiChatSetup("PRO");
    const client = await as(owner.email);
    fake.script({ kind: "answer", chunkDelayMs: 15 });
    const started = Date.now();
    const response = await ask(client, workspace.id, document.id, {
      apiSlug: "stripe",
      prompt: "Create a PaymentIntent for 42 USD",
    });
    expect(response.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2_000);
    const { messageId } = await response.json();

    // While it streams, the room already shows part of the answer, as chunks.
    const partial = await waitFor(
      async () => {
        const m = (await roomStorage(document.roomId)).messages?.find((x) => x.id === messageId);
        return m && m.status === "streaming" && m.chunks.length > 0 ? m : null;
      },
      10_000,
      "streamed chunks in the room",
    );
    expect(partial.chunks.join("").length).toBeGreaterThan(0);

    const [answer] = await answersSettled(document.id, 1);
    expect(answer!.status).toBe("COMPLETE");
    expect(answer!.content).toContain("```typescript");

    // PostgreSQL is written first, then the room's final state.
    const inRoom = await waitFor(
      async () => {
        const messages = (await roomStorage(document.roomId)).messages;
        return messages?.[1]?.status === "complete" ? messages : null;
      },
      5_000,
      "the final write to the room",
    );
    expect(inRoom.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(inRoom[1]).toMatchObject({ status: "complete", chunks: [], content: answer!.content });

    const generation = await prisma.aiGeneration.findUniqueOrThrow({ where: { messageId } });
    expect(generation).toMatchObject({ status: "BILLED", model: "claude-sonnet-4-20250514", attempts: 1 });
    expect(generation.inputTokens).toBeGreaterThan(100);
    expect(generation.outputTokens).toBeGreaterThan(10);
    const expectedCost = (generation.inputTokens * 3 + generation.outputTokens * 15) / 1e6;
    expect(Number(generation.costUsd)).toBeCloseTo(expectedCost, 8);
    expect(inRoom[1]!.usage).toMatchObject({
      inputTokens: generation.inputTokens,
      outputTokens: generation.outputTokens,
      model: "claude-sonnet-4-20250514",
    });

    // What Claude was sent: the model settings, and the spec's grounding.
    const sent = fake.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ model: "claude-sonnet-4-20250514", max_tokens: 4096, temperature: 0.3, stream: true });
    expect(sent.system).toContain("Base URL: https://api.stripe.com");
    expect(sent.system).toContain("POST /v1/payment_intents");
    expect(sent.system).toContain("STRIPE_API_KEY");
    expect(sent.system).toContain("stripe (npm)");

    const quota = await (await client.request(`/w/${workspace.id}/ai/quota`)).json();
    expect(quota).toMatchObject({ tier: "PRO", limit: 200, used: 1, left: 199 });
    expect(quota.monthCostUsd).toBeCloseTo(expectedCost, 8);
  });

  it("keeps a multi-turn history in PostgreSQL and sends it with the next question", async () => {
    const { owner, workspace, document } = await aiChatSetup("PRO");
    const client = await as(owner.email);
    fake.script({ kind: "answer", text: "First answer: use `stripe.paymentIntents.create`." });
    await ask(client, workspace.id, document.id, { apiSlug: "stripe", prompt: "How do I charge a card?" });
    await answersSettled(document.id, 1);
    fake.script({ kind: "answer", text: "Second answer: add an idempotency key." });
    await ask(client, workspace.id, document.id, { apiSlug: "stripe", prompt: "Now make it safe to retry" });
    await answersSettled(document.id, 2);
    const messages = (fake.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]!.content).toContain("How do I charge a card?");
    expect(messages[1]!.content).toContain("stripe.paymentIntents.create");
    expect(messages[2]!.content).toContain("Now make it safe to retry");
    const rows = await prisma.aiMessage.findMany({ where: { documentId: document.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.role)).toEqual(["USER", "ASSISTANT", "USER", "ASSISTANT"]);
  });

  it("explains and debugs with the pasted code and error, and checks what each mode needs", async () => {
    const { owner, workspace, document } = await aiChatSetup("PRO");
    const client = await as(owner.email);
    const missing = await ask(client, workspace.id, document.id, { mode: "DEBUG", code: "fetch(url)" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe("Paste the error you get.");
    const ok = await ask(client, workspace.id, document.id, {
      mode: "DEBUG",
      code: "await fetch('https://api.stripe.com/v1/charges')",
      errorText: "401 Unauthorized",
    });
    expect(ok.status).toBe(202);
    await answersSettled(document.id, 1);
    const sent = fake.requests.at(-1)!.body as { system: string; messages: { content: string }[] };
    expect(sent.system).toContain("Find the cause");
    expect(sent.messages.at(-1)!.content).toContain("401 Unauthorized");
    expect(sent.messages.at(-1)!.content).toContain("api.stripe.com/v1/charges");
  });

  it("lets viewers follow but not ask, and hides other workspaces' chats", async () => {
    const { others, workspace, document } = await aiChatSetup("PRO", [{ name: "Viewer", role: "VIEWER" }]);
    const viewer = await as(others[0]!.email);
    expect((await ask(viewer, workspace.id, document.id, { prompt: "hi" })).status).toBe(403);
    const outsider = await aiChatSetup("PRO");
    const stranger = await as(outsider.owner.email);
    expect((await ask(stranger, workspace.id, document.id, { prompt: "hi" })).status).toBe(404);
  });

  it("lets only organisation owners and admins choose the model, and uses it with its prices", async () => {
    const { owner, others, workspace, document } = await aiChatSetup("PRO", [{ name: "Member", role: "MEMBER" }]);
    const member = await as(others[0]!.email);
    expect(
      (
        await member.request(`/w/${workspace.id}/ai/model`, {
          method: "POST",
          json: { model: "claude-3-5-haiku-20241022" },
        })
      ).status,
    ).toBe(403);
    const admin = await as(owner.email);
    expect(
      (await admin.request(`/w/${workspace.id}/ai/model`, { method: "POST", json: { model: "gpt-4" } })).status,
    ).toBe(400);
    expect(
      (
        await admin.request(`/w/${workspace.id}/ai/model`, {
          method: "POST",
          json: { model: "claude-3-5-haiku-20241022" },
        })
      ).status,
    ).toBe(200);
    const { messageId } = await (await ask(admin, workspace.id, document.id, { prompt: "hello" })).json();
    await answersSettled(document.id, 1);
    expect((fake.requests.at(-1)!.body as { model: string }).model).toBe("claude-3-5-haiku-20241022");
    const generation = await prisma.aiGeneration.findUniqueOrThrow({ where: { messageId } });
    expect(Number(generation.costUsd)).toBeCloseTo(
      (generation.inputTokens * 0.8 + generation.outputTokens * 4) / 1e6,
      8,
    );
  });

  it("finishes the answer when the asker goes away: the server drives it, not the browser", async () => {
    const { owner, workspace, document } = await aiChatSetup("PRO");
    const client = await as(owner.email);
    fake.script({ kind: "answer", chunkDelayMs: 40 });
    const response = await ask(client, workspace.id, document.id, { prompt: "Write a slow answer" });
    const { messageId } = await response.json();
    // The asker logs out (closes the tab) right away.
    await client.request("/logout", { method: "POST" });
    const [answer] = await answersSettled(document.id, 1);
    expect(answer!.id).toBe(messageId);
    expect(answer!.status).toBe("COMPLETE");
    await waitFor(
      async () => (await roomStorage(document.roomId)).messages?.[1]?.status === "complete",
      5_000,
      "the room to show the answer complete",
    );
  });
});
