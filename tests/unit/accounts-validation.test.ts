import { describe, expect, it } from "vitest";
import { LoginSchema, SignupSchema } from "~/auth/account-schemas.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { parseFields } from "~/http/validation.server";

describe("sign-up validation", () => {
  it("explains each bad field", () => {
    const result = parseFields(SignupSchema, { name: " ", email: "not-an-email", password: "short" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter a valid email address, like ada@example.com.",
        password: "Use at least 10 characters.",
      },
    });
  });

  it("explains missing fields", () => {
    const result = parseFields(SignupSchema, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });

  it("normalises the email address", () => {
    const result = parseFields(LoginSchema, { email: "  Ada@Example.COM ", password: "x" });
    expect(result).toEqual({ ok: true, data: { email: "ada@example.com", password: "x" } });
  });
});

describe("safe redirects", () => {
  it.each([
    ["/w/123", "/w/123"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    [null, "/"],
  ])("%j goes to %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });
});
