import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "~/keys/secret-box.server";
import { lastFour, maskSecret } from "~/keys/mask";

const key = randomBytes(32).toString("base64");

describe("API key encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const secret = "sk_live_51HxExampleSecretValue";
    const stored = encryptSecret(secret, key);
    expect(stored).not.toContain(secret);
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptSecret(stored, key)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered ciphertext and a wrong key", () => {
    const stored = encryptSecret("sk_live_abc", key);
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32).toString("base64"))).toThrow();
  });

  it("masks all but the last four characters", () => {
    const secret = "sk_live_51HxExampleSecretValue";
    const masked = maskSecret(lastFour(secret));
    expect(masked.endsWith("alue")).toBe(true);
    expect(masked).not.toContain("sk_live");
  });
});
