import { describe, expect, it } from "vitest";
import { notFound, NOT_FOUND, retryAfterSeconds, tooManyRequests } from "~/http/responses.server";

describe("http responses", () => {
  it("answers 404 with the same words for what does not exist and what an outsider may not see", async () => {
    const response = notFound();
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: NOT_FOUND });
    expect(await notFound("No such recording.").json()).toEqual({ error: "No such recording." });
  });

  it("answers 429 with the message, extra fields and a Retry-After in whole seconds, never 0", async () => {
    const resetAt = new Date(Date.now() + 90_500);
    const response = tooManyRequests(resetAt, "Slow down.", { resetAt: resetAt.toISOString() });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(90);
    expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(91);
    expect(await response.json()).toEqual({ error: "Slow down.", resetAt: resetAt.toISOString() });
    const now = new Date("2026-01-01T00:00:00Z");
    expect(retryAfterSeconds(new Date("2025-12-31T23:59:00Z"), now)).toBe(1);
    expect(retryAfterSeconds(new Date("2026-01-01T00:00:00.001Z"), now)).toBe(1);
  });
});
