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
    ["/w/123?tab=a#b", "/w/123?tab=a#b"],
    ["/w/../workspaces", "/workspaces"],
  ])("%j goes to %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  // Browsers strip tabs and line breaks from URLs and read "\\" as "/", so each of these
  // becomes //evil.example (another host) once it is a Location header.
  it.each([
    ["tab: /%09/evil.example", "/\t/evil.example"],
    ["line feed", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["CR LF header injection", "/x\r\nSet-Cookie: a=b"],
    ["backslash after the slash", "/\\/evil.example"],
    ["tab between the slashes", "/\t\t/evil.example"],
    ["form feed", "/\f/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["C1 control", "/\u0085/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["encoded slashes stay a path", "/%2F%2Fevil.example"],
  ])("open redirect: %s stays on this site", (_label, to) => {
    const result = safeRedirect(to);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
    expect(result).not.toMatch(/[\r\n\t]/);
  });
});
