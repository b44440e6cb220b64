import fs from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { DEMO_USERS } from "../../../prisma/demo/users";

/**
 * Logs each demo person in once per run and keeps their session for every test, as a
 * person keeps a browser logged in. Tests then spend their time on what they test, and
 * a long suite stays far below the per-account log-in rate limit. Logging in through the
 * form is itself tested in accounts.spec.ts.
 */
export const AUTH_DIR = path.resolve(".cache/e2e-auth");

export const storageStateFor = (key: string) => path.join(AUTH_DIR, `${key}.json`);

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("E2E_BASE_URL is not set: run the end-to-end tests with `npm test -- e2e`.");
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  for (const user of DEMO_USERS) {
    const context = await request.newContext({ baseURL });
    const response = await context.post("/login", {
      form: { email: user.email, password: user.password },
      maxRedirects: 0,
    });
    if (response.status() !== 302)
      throw new Error(`Could not log ${user.email} in: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: storageStateFor(user.key) });
    await context.dispose();
  }
}
