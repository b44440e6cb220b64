import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../../prisma/demo/users";
import { storageStateFor } from "./global-setup";
import { linkPathIn, messageTo } from "./mail";

export type DemoUserKey = (typeof DEMO_USERS)[number]["key"];

export function demoUser(key: DemoUserKey) {
  return DEMO_USERS.find((u) => u.key === key)!;
}

/** A browser context is one person: its own cookies, its own tab. Logs in through the form. */
export async function personLoggedIn(
  browser: Browser,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  return { context, page };
}

/** A demo person in a browser context of their own, already logged in (see global-setup.ts). */
export async function demoPerson(browser: Browser, key: DemoUserKey): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: storageStateFor(key) });
  const page = await context.newPage();
  await page.goto("/workspaces");
  await expect(page.getByTestId("signed-in-as")).toHaveText(demoUser(key).name);
  return { context, page };
}

/** Signs up a brand-new person (their own organisation): an outsider to the demo workspace. */
export async function newPerson(browser: Browser, name = "Outsider") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@e2e.example`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill("an-e2e-password");
  await page.getByRole("button", { name: "Create account" }).click();
  // The link arrives by e-mail, on the real SMTP server the e2e run starts.
  await expect(page.getByTestId("signup-sent")).toContainText(email);
  await page.goto(linkPathIn(await messageTo(email), "/signup/confirm"));
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  return { context, page, email };
}

/** Opens the demo workspace's document with this title; returns its URL. */
export async function openDemoDocument(page: Page, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  return page.url();
}
