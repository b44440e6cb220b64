import { expect, type Page } from "@playwright/test";
import pg from "pg";

/** The fake Messages API that `npm test` starts for the e2e app (tests/support/fake-anthropic.ts). */
export async function fakeClaudeRequests(): Promise<
  { raw: string; body: { model: string; system: string; messages: { content: string }[] } }[]
> {
  const url = process.env.FAKE_ANTHROPIC_URL;
  if (!url) throw new Error("FAKE_ANTHROPIC_URL is not set: run the e2e tests through npm test");
  return (await fetch(`${url}/__fake/requests`)).json();
}

/** A one-off SQL statement against the e2e app's database (for test set-up only). */
export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Asks in the current AI room through the composer. */
export async function askInRoom(page: Page, prompt: string, options: { api?: string; language?: string } = {}) {
  const composer = page.getByRole("form", { name: "Ask Claude" });
  if (options.api) await composer.getByLabel("API").selectOption({ label: options.api });
  if (options.language) await composer.getByLabel("Language").selectOption({ label: options.language });
  await page.getByTestId("ai-prompt").fill(prompt);
  await page.getByTestId("ai-ask").click();
  await expect(page.getByTestId("ai-prompt")).toHaveValue("");
}

/** A new AI chat in the demo workspace, so parallel tests never share a thread. Returns its URL. */
export async function createAiChat(page: Page, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByLabel("New").selectOption("AI");
  await page.getByLabel("Title").fill(`${title} ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/d\/[0-9a-f-]+$/);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  return page.url();
}
