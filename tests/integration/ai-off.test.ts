import { afterAll, beforeAll, describe, expect, it } from "vitest";

// No Anthropic key: the playground runs with AI off.
delete process.env.ANTHROPIC_API_KEY;
delete process.env.ANTHROPIC_BASE_URL;

const { prisma } = await import("~/db/client.server");
const { LANGUAGE_IDS } = await import("~/codegen/languages");
const { startTestApp } = await import("../support/app-server");
const { CookieClient } = await import("../support/browserless-client");
const { TEST_PASSWORD } = await import("../support/factories");
const { aiChatSetup, ensureCatalogApi, roomStorage } = await import("../support/ai");

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
  await ensureCatalogApi("twilio");
});
afterAll(() => app.close());

describe("the playground without an Anthropic key", () => {
  it("generates request code for every language from the spec, deterministically, labelled as AI off", async () => {
    const { owner, workspace, document } = await aiChatSetup("FREE");
    const client = new CookieClient(app.baseUrl);
    await client.logIn(owner.email, TEST_PASSWORD);
    const answers: string[] = [];
    for (const language of [...LANGUAGE_IDS, "typescript"]) {
      const res = await client.request(`/w/${workspace.id}/d/${document.id}/ask`, {
        method: "POST",
        json: { mode: "GENERATE", language, apiSlug: "twilio", prompt: "Send an SMS message" },
      });
      expect(res.status).toBe(202);
      expect((await res.json()).aiOff).toBe(true);
      const { content } = await prisma.aiMessage.findFirstOrThrow({
        where: { documentId: document.id, role: "ASSISTANT" },
        orderBy: { createdAt: "desc" },
      });
      answers.push(content);
      expect(content).toContain("Generated from the OpenAPI spec, with AI off");
      expect(content).toContain("/Messages.json");
      expect(content).toContain("TWILIO_API_KEY");
    }
    expect(answers.at(-1)).toBe(answers[0]); // TypeScript twice: the same answer
    expect(answers[LANGUAGE_IDS.indexOf("python")]).toContain("import requests");
    expect(answers[LANGUAGE_IDS.indexOf("curl")]).toContain("curl --request POST");
    expect(answers[LANGUAGE_IDS.indexOf("go")]).toContain("net/http");
    // Free to run: no quota used, no generation billed.
    expect(await prisma.aiGeneration.count()).toBe(0);
    expect(await prisma.aiQuotaDay.count()).toBe(0);
    const room = await roomStorage(document.roomId);
    expect(room.messages).toHaveLength((LANGUAGE_IDS.length + 1) * 2);
    expect(room.messages!.at(-1)).toMatchObject({ status: "complete", source: "spec" });
  });

  it("says that AI is off for explain and debug, and asks for an API when none is chosen", async () => {
    const { owner, workspace, document } = await aiChatSetup("FREE");
    const client = new CookieClient(app.baseUrl);
    await client.logIn(owner.email, TEST_PASSWORD);
    const post = (json: Record<string, unknown>) =>
      client.request(`/w/${workspace.id}/d/${document.id}/ask`, {
        method: "POST",
        json: { language: "python", ...json },
      });
    await post({ mode: "EXPLAIN", code: "print(1)" });
    await post({ mode: "GENERATE", prompt: "Send an email" });
    const answers = await prisma.aiMessage.findMany({
      where: { documentId: document.id, role: "ASSISTANT" },
      orderBy: { createdAt: "asc" },
    });
    expect(answers[0]!.content).toContain("AI is off on this server");
    expect(answers[0]!.content).toContain("explain code");
    expect(answers[1]!.content).toContain("Choose an API above");
  });
});
