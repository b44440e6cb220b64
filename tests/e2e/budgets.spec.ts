import { expect, test } from "@playwright/test";
import { demoPerson } from "./support/users";

/**
 * Budgets in a real browser: an owner sets one from the workspace's Budgets page and the row's
 * status follows at once; a bad amount is explained next to its field; a viewer sees the
 * budget but cannot change it. GitHub is the demo subscription without a budget.
 */
test("an owner sets a monthly budget, a viewer sees it", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  await ada.page.getByRole("link", { name: "Budgets" }).click();
  await expect(ada.page.getByRole("heading", { name: "Budgets" })).toBeVisible();

  const github = ada.page
    .getByTestId("budget-row")
    .filter({ has: ada.page.getByRole("rowheader", { name: /GitHub/ }) });
  await expect(github.getByText("No budget set")).toBeVisible();
  const amount = github.getByLabel(/Monthly budget for GitHub/);

  await amount.fill("twelve dollars");
  await github.getByRole("button", { name: "Save" }).click();
  await expect(github.getByRole("alert")).toContainText("Enter the budget in dollars");
  await expect(github.getByText("No budget set")).toBeVisible();

  // Enter submits only through an enabled Save, which stays disabled until the refusal's reload ends.
  await expect(github.getByRole("button", { name: "Save" })).toBeEnabled();
  await amount.fill("1,500");
  await amount.press("Enter");
  await expect(github.getByTestId("budget-status")).toContainText("$1,500 budget");
  await expect(github.getByRole("alert")).toHaveCount(0);

  const victor = await demoPerson(browser, "victor");
  await victor.page.goto(ada.page.url());
  const seen = victor.page
    .getByTestId("budget-row")
    .filter({ has: victor.page.getByRole("rowheader", { name: /GitHub/ }) });
  await expect(seen.getByTestId("budget-status")).toContainText("$1,500 budget");
  await expect(victor.page.getByRole("textbox")).toHaveCount(0);
  await expect(victor.page.getByText("Owners and admins set budgets.")).toBeVisible();

  // Leave the demo data as it was: an empty amount means no budget.
  await amount.fill("");
  await github.getByRole("button", { name: "Save" }).click();
  await expect(github.getByText("No budget set")).toBeVisible();
});
