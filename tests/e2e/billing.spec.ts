import { expect, test } from "@playwright/test";
import { newPerson } from "./support/users";

test("an owner upgrades to Pro through Stripe Checkout, and the AI quota meter shows 200", async ({ browser }) => {
  const owner = await newPerson(browser, "Paying Owner");
  const { page } = owner;
  await page.getByRole("link", { name: "My workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]+$/);
  const workspaceUrl = page.url();
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByTestId("billing-tier")).toHaveText("Free");
  await expect(page.getByTestId("plan-PRO")).toContainText("$15.00 per seat a month");

  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  // Stripe's (local) hosted Checkout page.
  await expect(page.getByRole("heading", { name: "Subscribe" })).toBeVisible();
  await expect(page.getByText("× 1 seat(s)")).toBeVisible();
  await page.getByRole("button", { name: "Subscribe" }).click();

  // Back on the billing page once Stripe's webhooks have arrived.
  await expect(page).toHaveURL(/\/billing\?checkout=done$/);
  await expect(page.getByTestId("checkout-confirmed")).toContainText("you are on Pro");
  await expect(page.getByTestId("billing-tier")).toHaveText("Pro");
  await expect(page.getByTestId("next-invoice")).toContainText("$15.00 on");
  await expect(page.getByTestId("invoice-row")).toHaveCount(1);

  await page.goto(workspaceUrl);
  await page.getByLabel("New").selectOption("AI");
  await page.getByLabel("Title").fill("After the upgrade");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("quota-meter")).toContainText("0 of 200 used");
  await owner.context.close();
});
