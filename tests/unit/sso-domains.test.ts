import { describe, expect, it } from "vitest";
import { challengeName, challengeValue, DomainSchema } from "~/sso/domain-names.server";

describe("e-mail domains as admins type them", () => {
  it("normalises case, a leading @, a trailing dot and international names", () => {
    expect(DomainSchema.parse(" @Acme.COM. ")).toBe("acme.com");
    expect(DomainSchema.parse("eu.mail.acme.co.uk")).toBe("eu.mail.acme.co.uk");
    expect(DomainSchema.parse("bücher.de")).toBe("xn--bcher-kva.de");
  });

  it("refuses what is not a domain name", () => {
    for (const bad of [
      "localhost",
      "acme",
      "10.0.0.1",
      "acme..com",
      "-acme.com",
      "acme.com/path",
      "a b.com",
      "a\u0000.com",
      "x".repeat(64) + ".com",
      "",
    ]) {
      expect(DomainSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(DomainSchema.safeParse(42).success).toBe(false);
  });

  it("names the TXT record under the domain, with the token as its value", () => {
    expect(challengeName("acme.com")).toBe("_apimarketplace-challenge.acme.com");
    expect(challengeValue("abc")).toBe("apimarketplace-domain-verification=abc");
  });
});
