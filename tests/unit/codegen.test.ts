import { describe, expect, it } from "vitest";
import { generateRequestCode } from "~/codegen/codegen.server";
import type { HttpRequestSpec } from "~/codegen/http-request";
import { LANGUAGE_IDS } from "~/codegen/languages";

const request: HttpRequestSpec = {
  method: "POST",
  url: "https://api.stripe.com/v1/payment_intents",
  query: [{ name: "expand[]", value: "customer" }],
  headers: [
    { name: "Authorization", value: "Bearer {{STRIPE_API_KEY}}" },
    { name: "Content-Type", value: "application/x-www-form-urlencoded" },
  ],
  body: { mimeType: "application/x-www-form-urlencoded", text: "amount=2000&currency=usd" },
};

describe("request code", () => {
  it.each(LANGUAGE_IDS)("writes %s with the URL, the placeholder and the body", (language) => {
    const code = generateRequestCode(request, language);
    expect(code).toContain("api.stripe.com/v1/payment_intents");
    expect(code).toContain("{{STRIPE_API_KEY}}");
    expect(code).toMatch(/2000/);
  });

  it("uses each language's usual client", () => {
    expect(generateRequestCode(request, "python")).toContain("import requests");
    expect(generateRequestCode(request, "php")).toContain("GuzzleHttp");
    expect(generateRequestCode(request, "curl")).toMatch(/^curl --request POST/);
    expect(generateRequestCode(request, "go")).toContain("net/http");
    expect(generateRequestCode(request, "typescript")).toContain("const data: unknown");
  });

  it("is deterministic and sends JSON bodies as JSON", () => {
    const json: HttpRequestSpec = {
      method: "POST",
      url: "https://api.openai.com/v1/chat/completions?foo=bar",
      query: [],
      headers: [{ name: "Content-Type", value: "application/json" }],
      body: { mimeType: "application/json", text: '{"model":"gpt-4o","messages":[]}' },
    };
    const a = generateRequestCode(json, "javascript");
    expect(generateRequestCode(json, "javascript")).toBe(a);
    expect(a).toContain("foo=bar");
    expect(a).toContain('"model":"gpt-4o"');
  });
});
