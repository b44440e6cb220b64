import { describe, expect, it } from "vitest";
import { listOperations, operationToRequest, parseOpenApi } from "~/catalog/openapi";
import { CATALOG } from "../../prisma/demo/catalog";

const stripe = CATALOG.find((a) => a.slug === "stripe")!;
const googleMaps = CATALOG.find((a) => a.slug === "google-maps")!;

function doc(spec: unknown) {
  const parsed = parseOpenApi(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

describe("OpenAPI operations", () => {
  it("parses every spec of the demo catalog and finds operations with unique ids", () => {
    for (const api of CATALOG) {
      const operations = listOperations(doc(api.openApiSpec));
      expect(operations.length, api.slug).toBeGreaterThanOrEqual(4);
      expect(new Set(operations.map((o) => o.operationId)).size, api.slug).toBe(operations.length);
    }
  });

  it("builds a request with auth as a placeholder, path params to fill in and the body's example", () => {
    const document = doc(stripe.openApiSpec);
    const operations = listOperations(document);
    const withBody = operations.find((o) => o.method === "POST" && o.requestBody)!;
    const request = operationToRequest(document, withBody, { secretPlaceholder: "STRIPE_API_KEY" });
    expect(request.url.startsWith("https://api.stripe.com")).toBe(true);
    const auth = request.headers.find((h) => h.name === "Authorization")!;
    expect(auth.value).toMatch(/^(Bearer|Basic) \{\{STRIPE_API_KEY\}\}$/);
    expect(request.headers).toContainEqual({ name: "Content-Type", value: withBody.requestBody!.contentType });
    expect(request.body?.mimeType).toBe(withBody.requestBody!.contentType);

    const withPathParam = operations.find((o) => o.path.includes("{"))!;
    expect(operationToRequest(document, withPathParam, { secretPlaceholder: "X" }).url).toMatch(/\{\{\w+\}\}/);
  });

  it("puts an API key that travels in the query string into the query", () => {
    const document = doc(googleMaps.openApiSpec);
    const operation = listOperations(document)[0]!;
    const request = operationToRequest(document, operation, { secretPlaceholder: "GOOGLE_MAPS_API_KEY" });
    expect(request.query).toContainEqual({ name: "key", value: "{{GOOGLE_MAPS_API_KEY}}" });
  });

  it("explains a document it cannot use", () => {
    expect(parseOpenApi({ swagger: "2.0" })).toEqual({ ok: false, message: expect.stringContaining("openapi") });
    expect(parseOpenApi({ openapi: "2.0", info: { title: "x", version: "1" }, paths: {} })).toEqual({
      ok: false,
      message: expect.stringContaining("Only OpenAPI 3.x"),
    });
  });
});
