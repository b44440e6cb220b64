import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets for a laptop run with no configuration: generated once into .data/secrets.json
 * (kept out of git) so sessions and encrypted keys survive restarts. Deployments set
 * SESSION_SECRET and API_KEY_ENCRYPTION_KEY themselves.
 */
export function loadOrCreateLocalSecrets(dataDir: string) {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    API_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
