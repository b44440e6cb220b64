import { expect, test, type Page } from "@playwright/test";
import { linkPathIn, messageTo } from "./support/mail";
import { demoPerson, openDemoDocument } from "./support/users";

/**
 * An owner invites a colleague by e-mail (the message read from the real SMTP server the test
 * run started), the colleague accepts in a second browser and appears live in a room; removed,
 * their open room closes (ROOM_LEASE_SECONDS is short in this run).
 */

/** The demo organisation's members page, the way a person gets there. */
async function openMembers(page: Page) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByRole("navigation", { name: "Workspace tools" }).getByRole("link", { name: "Acme Robotics" }).click();
  await page.getByRole("navigation", { name: "Acme Robotics settings" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("form", { name: "Invite someone" })).toBeVisible();
}

test("an owner invites a colleague by e-mail, who joins a room live, and is cut off when removed", async ({
  browser,
}) => {
  const ada = await demoPerson(browser, "ada");
  const email = `colleague.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@e2e.example`;

  await openMembers(ada.page);
  const invite = ada.page.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Role").selectOption("MEMBER");
  await invite.getByLabel("Platform", { exact: true }).check();
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(ada.page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();

  const message = await messageTo(email);
  expect(message.subject).toBe("Ada Lovelace invited you to Acme Robotics on APIMarketplace Pro");
  const invitePath = linkPathIn(message, "/invite/");
  expect(invitePath).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);

  // The colleague, in a browser of their own, signs up from the link and joins.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await colleague.goto(invitePath);
  await colleague.getByLabel("Your name").fill("Charles Colleague");
  await colleague.getByLabel(/^Password/).fill("a-colleague-password");
  await colleague.getByRole("button", { name: /Create account and join/ }).click();
  await expect(colleague).toHaveURL(/\/w\/[0-9a-f-]+$/);

  // Both in the same room: Ada sees the colleague arrive.
  const url = await openDemoDocument(ada.page, "New API requests");
  await colleague.goto(url);
  await expect(colleague.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await expect(ada.page.locator('[data-testid="presence-avatar"][data-name="Charles Colleague"]')).toBeVisible();

  // Removed in a second tab of Ada's: the colleague's open page leaves the room.
  const adminTab = await ada.context.newPage();
  await openMembers(adminTab);
  adminTab.once("dialog", (dialog) => dialog.accept());
  await adminTab.getByRole("button", { name: "Remove Charles Colleague" }).click();
  await expect(adminTab.getByText("Their open documents close within a minute")).toBeVisible();

  await expect(colleague.getByTestId("room-access-lost")).toBeVisible({ timeout: 60_000 });
  await expect(ada.page.locator('[data-testid="presence-avatar"][data-name="Charles Colleague"]')).toHaveCount(0, {
    timeout: 60_000,
  });
  expect((await colleague.goto(url))?.status()).toBe(404);

  await colleagueContext.close();
  await ada.context.close();
});

test("the organisation pages fit a phone (390 px) without sideways scrolling", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await openMembers(ada.page);
  const members = ada.page.url();
  const pages = [
    ["members", members],
    ["teams", members.replace(/members$/, "teams")],
    ["workspaces", members.replace(/members$/, "workspaces")],
    ["audit", members.replace(/members$/, "audit")],
    ["tokens", "/settings/tokens"],
  ];
  await ada.page.goto("/workspaces");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  pages.push(["workspace", ada.page.url()]);
  for (const [name, url] of pages) {
    await ada.page.goto(url!);
    await expect(ada.page.locator("main h1").first()).toBeVisible();
    const width = await ada.page.evaluate(() => document.documentElement.scrollWidth);
    await ada.page.screenshot({ path: `test-results/phone-${name}.png`, fullPage: true });
    expect(width, `${name} is ${width} px wide`).toBeLessThanOrEqual(390);
  }
  await ada.context.close();
});
