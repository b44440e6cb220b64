import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "~/config/env.server";

/**
 * AES-256-GCM for provider API keys at rest. Stored as "v1.<iv>.<tag>.<ciphertext>"
 * (base64url), so the scheme can change later without guessing what old rows are.
 * The key comes from API_KEY_ENCRYPTION_KEY and never leaves the server.
 */
const key = (raw = env().API_KEY_ENCRYPTION_KEY) => Buffer.from(raw, "base64");

export function encryptSecret(plaintext: string, rawKey?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(rawKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, rawKey?: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(rawKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
