import { describe, expect, it } from "vitest";
import { conversation, HISTORY_CHAR_BUDGET, systemPrompt, type Turn } from "~/ai/prompts";
import { costUsd, DEFAULT_MODEL, GENERATION, MODELS, modelFor } from "~/ai/model-settings";
import { DAILY_GENERATION_LIMITS } from "~/ai/quota";
import { dayStart, nextDayStart } from "~/time/days";
import { languageOfFence } from "~/ai/fence-language";

const turn = (role: Turn["role"], content: string, extra: Partial<Turn> = {}): Turn => ({
  role,
  mode: "GENERATE",
  language: "python",
  content,
  code: null,
  errorText: null,
  ...extra,
});

describe("model settings", () => {
  it("defaults to Claude Sonnet 4 with 4096 tokens at temperature 0.3, and prices per model", () => {
    expect(DEFAULT_MODEL).toBe("claude-sonnet-4-20250514");
    expect(GENERATION).toMatchObject({ maxTokens: 4096, temperature: 0.3 });
    expect(costUsd(MODELS["claude-sonnet-4-20250514"], { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(18);
    expect(costUsd(MODELS["claude-3-5-haiku-20241022"], { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(4.8);
    expect(costUsd(MODELS["claude-sonnet-4-20250514"], { inputTokens: 1234, outputTokens: 567 })).toBe(0.012207);
    expect(modelFor(null).id).toBe(DEFAULT_MODEL);
    expect(modelFor("retired-model").id).toBe(DEFAULT_MODEL);
    expect(modelFor("claude-3-5-haiku-20241022").label).toBe("Claude Haiku 3.5");
  });

  it("limits by tier and resets at UTC midnight", () => {
    expect(DAILY_GENERATION_LIMITS).toEqual({ FREE: 50, PRO: 200, ENTERPRISE: null });
    const now = new Date("2026-03-04T23:59:59.999Z");
    expect(dayStart(now).toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(nextDayStart(now).toISOString()).toBe("2026-03-05T00:00:00.000Z");
  });
});

describe("prompts", () => {
  it("asks for the official SDK where one exists, else the usual client, per language", () => {
    expect(systemPrompt({ mode: "GENERATE", language: "python", apiSlug: "stripe", grounding: "g" })).toContain(
      "official SDK, stripe (PyPI)",
    );
    expect(systemPrompt({ mode: "GENERATE", language: "go", apiSlug: "mapbox", grounding: "g" })).toContain("net/http");
    expect(systemPrompt({ mode: "DEBUG", language: "php", apiSlug: null, grounding: null })).toContain(
      "No API was chosen",
    );
    expect(systemPrompt({ mode: "EXPLAIN", language: "curl", apiSlug: "github", grounding: "g" })).toContain("```bash");
  });

  it("alternates roles, merges unanswered questions, and keeps the newest turns within budget", () => {
    const messages = conversation(
      [turn("USER", "first"), turn("ASSISTANT", ""), turn("USER", "second"), turn("ASSISTANT", "answer")],
      turn("USER", "third", { mode: "DEBUG", code: "x()", errorText: "boom" }),
    );
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]!.content).toBe("first\n\nsecond");
    expect(messages[2]!.content).toContain("Code:\n```\nx()\n```");
    expect(messages[2]!.content).toContain("Error:\n```\nboom\n```");

    const long = "x".repeat(HISTORY_CHAR_BUDGET / 2);
    const trimmed = conversation(
      [turn("USER", long), turn("ASSISTANT", long), turn("USER", long), turn("ASSISTANT", long)],
      turn("USER", "now"),
    );
    expect(trimmed[0]!.role).toBe("user");
    expect(trimmed.at(-1)!.content).toBe("now");
    expect(trimmed.reduce((n, m) => n + m.content.length, 0)).toBeLessThanOrEqual(HISTORY_CHAR_BUDGET);
  });

  it("maps code fences to the product's languages", () => {
    expect(languageOfFence("ts", "python")).toBe("typescript");
    expect(languageOfFence("bash", "python")).toBe("curl");
    expect(languageOfFence("python", "go")).toBe("python");
    expect(languageOfFence("json", "go")).toBe("go");
    expect(languageOfFence(null, "ruby")).toBe("ruby");
  });
});
