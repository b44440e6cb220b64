import { describe, expect, it } from "vitest";
import { listOperations, parseOpenApi } from "~/catalog/openapi";
import { GROUNDING_LIMITS, groundingFor, rankOperations, selectOperations, wordsOf } from "~/ai/grounding";
import { CATALOG } from "../../prisma/demo/catalog";

function api(slug: string) {
  const entry = CATALOG.find((a) => a.slug === slug)!;
  const parsed = parseOpenApi(entry.openApiSpec);
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    name: entry.name,
    slug,
    baseUrl: entry.baseUrl,
    document: parsed.document,
    operations: listOperations(parsed.document),
  };
}

describe("grounding from the OpenAPI spec", () => {
  it("splits identifiers and folds plurals into words", () => {
    expect(wordsOf("createPaymentIntent /v1/payment_intents")).toEqual([
      "create",
      "payment",
      "intent",
      "v1",
      "payment",
      "intent",
    ]);
    expect(wordsOf("Send SMS messages")).toEqual(["send", "sms", "message"]);
  });

  it("picks the operations a question is about", () => {
    const stripe = api("stripe");
    expect(selectOperations(stripe.operations, "Create a PaymentIntent for 42 USD")[0]!.operationId).toBe(
      "createPaymentIntent",
    );
    expect(selectOperations(stripe.operations, "refund a charge")[0]!.operationId).toBe("createRefund");
    expect(selectOperations(stripe.operations, "list my charges")[0]!.operationId).toBe("listCharges");
    const twilio = api("twilio");
    expect(rankOperations(twilio.operations, "Send an SMS message")[0]!.operation.path).toContain("Messages");
  });

  it("describes base URL, auth with the key's variable name, the chosen operations in full and the rest in one line each", () => {
    const stripe = api("stripe");
    const { text, selected } = groundingFor(stripe, "create a payment intent and confirm it", "ACME_STRIPE_SECRET");
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.length).toBeLessThanOrEqual(GROUNDING_LIMITS.detailedOperations);
    expect(text).toContain("Base URL: https://api.stripe.com");
    expect(text).toContain("HTTP bearer");
    expect(text).toContain("process.env.ACME_STRIPE_SECRET");
    expect(text).toContain("operationId createPaymentIntent");
    expect(text).toContain("amount (required): integer");
    expect(text).toMatch(/Other operations of this API:\n- /);
    expect(text.length).toBeLessThanOrEqual(GROUNDING_LIMITS.maxChars + 40);
  });

  it("never pastes a large spec whole: the block stays within its budget", () => {
    const stripe = api("stripe");
    const big = {
      ...stripe,
      operations: Array.from({ length: 2_000 }, (_, i) => ({
        ...stripe.operations[0]!,
        operationId: `op${i}`,
        path: `/v1/things/${i}`,
        summary: `Thing number ${i} with a long description`.repeat(3),
      })),
    };
    const { text } = groundingFor(big, "thing", "X_API_KEY");
    expect(text.length).toBeLessThanOrEqual(GROUNDING_LIMITS.maxChars + 40);
    expect(text).toMatch(/- … and \d+ more/);
  });
});
