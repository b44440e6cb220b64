import { afterAll, describe, expect, it } from "vitest";
import { fakeAnthropicForTheApp } from "../support/ai-test-app";
import type { FakeAnthropic } from "../support/fake-anthropic";

const fake: FakeAnthropic = await fakeAnthropicForTheApp();

const { prisma } = await import("~/db/client.server");
const { askQuestion } = await import("~/ai/threads.server");
const { settleGenerations } = await import("~/ai/generation.server");
const { aiChatSetup, roomStorage } = await import("../support/ai");

afterAll(() => fake.close());

/**
 * Failures of the upstream API, through the real SDK: refusals before the answer (429,
 * 529, 500) are retried by the SDK; streams that break are restarted only if nothing was
 * shown yet; everything else ends the message with a clear error. Tokens are recorded as
 * the API reported them, once per attempt that reported any, and the quota unit is given
 * back only when nothing was billed.
 */
async function askAndSettle(behaviours: Parameters<FakeAnthropic["script"]>, options: { idleTimeoutMs?: number } = {}) {
  const { owner, workspace, document } = await aiChatSetup("FREE");
  fake.script(...behaviours);
  const before = fake.requests.length;
  const result = await askQuestion(
    {
      user: { id: owner.id, name: owner.name },
      organizationId: workspace.organizationId,
      document,
      question: {
        mode: "GENERATE",
        language: "python",
        apiSlug: null,
        prompt: "List my charges",
        code: null,
        errorText: null,
      },
    },
    { flushMs: 10, ...options },
  );
  if (!result.ok) throw new Error(result.message);
  await settleGenerations();
  expect(fake.pending()).toBe(0);
  const message = await prisma.aiMessage.findUniqueOrThrow({
    where: { id: result.messageId },
    include: { generation: true },
  });
  const quota = await prisma.aiQuotaDay.findFirst({ where: { userId: owner.id } });
  const room = (await roomStorage(document.roomId)).messages!.find((m) => m.id === result.messageId)!;
  return {
    message,
    generation: message.generation!,
    quotaUsed: quota?.used ?? 0,
    room,
    requests: fake.requests.length - before,
  };
}

describe("upstream failures", () => {
  it("retries 529 overloaded answers and then streams normally", async () => {
    const r = await askAndSettle([
      { kind: "status", status: 529 },
      { kind: "status", status: 529 },
      { kind: "answer", text: "All good." },
    ]);
    expect(r.message).toMatchObject({ status: "COMPLETE", content: "All good.", failure: null });
    expect(r.generation).toMatchObject({ status: "BILLED", attempts: 3 });
    expect(r.requests).toBe(3);
    expect(r.room).toMatchObject({ status: "complete", content: "All good." });
  });

  it("honours a 429's retry-after, then answers", async () => {
    const started = Date.now();
    const r = await askAndSettle([
      { kind: "status", status: 429, retryAfterSeconds: 1 },
      { kind: "answer", text: "After waiting." },
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(r.message).toMatchObject({ status: "COMPLETE", content: "After waiting." });
    expect(r.generation.attempts).toBe(2);
  });

  it("ends with a clear error when Claude stays overloaded, bills nothing and gives the quota unit back", async () => {
    const r = await askAndSettle([
      { kind: "status", status: 529 },
      { kind: "status", status: 529 },
      { kind: "status", status: 529 },
    ]);
    expect(r.message.status).toBe("ERROR");
    expect(r.message.failure).toBe("Claude is overloaded right now (after 3 tries). Try again in a minute.");
    expect(r.generation).toMatchObject({ status: "REFUNDED", inputTokens: 0, outputTokens: 0, attempts: 3 });
    expect(Number(r.generation.costUsd)).toBe(0);
    expect(r.quotaUsed).toBe(0);
    expect(r.room).toMatchObject({ status: "error", failure: r.message.failure, usage: null });
  });

  it("restarts a stream that dropped before any text was shown, and bills both attempts as reported", async () => {
    const r = await askAndSettle([
      { kind: "drop", afterChunks: 0 },
      { kind: "answer", text: "Second time lucky." },
    ]);
    expect(r.message).toMatchObject({ status: "COMPLETE", content: "Second time lucky." });
    const requests = fake.requests.slice(-2);
    const inputPerAttempt = Math.ceil(
      (JSON.stringify(requests[0]!.body.system).length + JSON.stringify(requests[0]!.body.messages).length) / 4,
    );
    // The dropped attempt reported its input and 1 output token (message_start); the second its own 3.
    expect(r.generation).toMatchObject({
      status: "BILLED",
      attempts: 2,
      inputTokens: inputPerAttempt * 2,
      outputTokens: 1 + 3,
    });
  });

  it("keeps what was shown when the connection drops mid-answer, says so, and bills what the API reported", async () => {
    const r = await askAndSettle([{ kind: "drop", afterChunks: 3, text: "one two three four five six" }]);
    expect(r.message.status).toBe("ERROR");
    expect(r.message.content).toBe("one two three");
    expect(r.message.failure).toBe(
      "The connection to Claude dropped mid-answer. What arrived before is kept above; ask again to retry.",
    );
    expect(r.generation).toMatchObject({ status: "BILLED", attempts: 1, outputTokens: 1 });
    expect(r.generation.inputTokens).toBeGreaterThan(0);
    expect(r.quotaUsed).toBe(1);
    expect(r.room).toMatchObject({ status: "error", content: "one two three", chunks: [] });
  });

  it("ends an answer with an overloaded error event mid-stream", async () => {
    const r = await askAndSettle([{ kind: "stream-error", afterChunks: 2, text: "alpha beta gamma delta" }]);
    expect(r.message).toMatchObject({ status: "ERROR", content: "alpha beta" });
    expect(r.message.failure).toBe(
      "Claude is overloaded right now. What arrived before is kept above. Try again in a minute.",
    );
  });

  it("times out a stream that goes silent, retries it once, then gives up", async () => {
    const r = await askAndSettle([{ kind: "stall" }, { kind: "stall" }], { idleTimeoutMs: 300 });
    expect(r.message.status).toBe("ERROR");
    expect(r.message.failure).toMatch(
      /^Claude stopped sending for \d+ s, so the answer was ended\. Ask again to retry\.$/,
    );
    expect(r.generation).toMatchObject({ status: "BILLED", attempts: 2 });
  });

  it("notes an answer cut at the token limit", async () => {
    const r = await askAndSettle([{ kind: "answer", text: "Long answer", stopReason: "max_tokens" }]);
    expect(r.message.status).toBe("COMPLETE");
    expect(r.message.content).toBe("Long answer\n\n_(The answer stopped at the 4,096-token limit.)_");
  });
});

describe("answers a stopped server left streaming", () => {
  /** What a server that died mid-answer leaves behind: a streaming answer, a reserved quota unit, half a text. */
  async function abandonedAnswer(minutesAgo: number) {
    const { owner, workspace, document } = await aiChatSetup("FREE");
    const { reserveQuota } = await import("~/ai/quota.server");
    const reservation = await reserveQuota(prisma, owner.id, "FREE");
    if (!reservation.allowed) throw new Error("no quota");
    const message = await prisma.aiMessage.create({
      data: {
        documentId: document.id,
        role: "ASSISTANT",
        mode: "GENERATE",
        language: "python",
        content: "import stri",
        status: "STREAMING",
        authorId: owner.id,
      },
    });
    const generation = await prisma.aiGeneration.create({
      data: {
        organizationId: workspace.organizationId,
        userId: owner.id,
        messageId: message.id,
        day: reservation.day,
        model: "claude-sonnet-4-20250514",
        mode: "GENERATE",
      },
    });
    await prisma.$executeRaw`UPDATE "AiMessage" SET "updatedAt" = now() - make_interval(mins => ${minutesAgo}) WHERE "id" = ${message.id}`;
    return { owner, document, message, generation };
  }

  it("ends them every few minutes across all chats, refunds their quota unit, and tells the room; recent ones are left alone", async () => {
    const { abandonedAnswersJob } = await import("~/ai/abandoned-answers-job.server");
    const old = await abandonedAnswer(11);
    const recent = await abandonedAnswer(2);
    expect(abandonedAnswersJob.cron).toBeTruthy();

    await abandonedAnswersJob.run(
      {},
      { jobId: "test", signal: new AbortController().signal, progress: () => {}, attempt: 1 },
    );

    const ended = await prisma.aiMessage.findUniqueOrThrow({
      where: { id: old.message.id },
      include: { generation: true },
    });
    expect(ended).toMatchObject({ status: "ERROR", content: "import stri" });
    expect(ended.failure).toMatch(/interrupted \(the server restarted/);
    expect(ended.generation).toMatchObject({ status: "REFUNDED" });
    expect((await prisma.aiQuotaDay.findFirstOrThrow({ where: { userId: old.owner.id } })).used).toBe(0);
    const inRoom = (await roomStorage(old.document.roomId)).messages!.find((m) => m.id === old.message.id);
    expect(inRoom).toMatchObject({ status: "error", content: "import stri" });

    const untouched = await prisma.aiMessage.findUniqueOrThrow({
      where: { id: recent.message.id },
      include: { generation: true },
    });
    expect(untouched).toMatchObject({ status: "STREAMING", generation: { status: "RESERVED" } });
    expect((await prisma.aiQuotaDay.findFirstOrThrow({ where: { userId: recent.owner.id } })).used).toBe(1);

    // A second sweep (another server's) changes nothing and refunds nothing twice.
    await abandonedAnswersJob.run(
      {},
      { jobId: "test", signal: new AbortController().signal, progress: () => {}, attempt: 1 },
    );
    expect((await prisma.aiQuotaDay.findFirstOrThrow({ where: { userId: old.owner.id } })).used).toBe(0);
  });
});
