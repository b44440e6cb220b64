import { expect, test } from "@playwright/test";
import { demoPerson } from "./support/users";

/**
 * Codebase analytics in a real browser: an owner connects (a fake) GitHub with a token,
 * picks a repository, watches the scan run as a background job, and sees the treemap, the
 * cost breakdown and recommendations; a viewer sees the same result but cannot scan.
 */
test.describe.configure({ mode: "serial" });

test("connect GitHub, scan a repository, see the treemap and recommendations", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const page = ada.page;
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByRole("link", { name: "Codebase analytics" }).click();
  await expect(page.getByRole("heading", { name: "Codebase analytics" })).toBeVisible();
  await expect(page.getByText("No scan yet")).toBeVisible();

  await page.getByLabel("Personal access token").fill(process.env.E2E_GITHUB_TOKEN!);
  await page.getByRole("button", { name: "Connect with token" }).click();
  await expect(page.getByTestId("github-connection")).toContainText("Connected as acme-robotics");

  await page.getByRole("button", { name: "Choose a repository" }).click();
  await page.getByLabel("Repository", { exact: true }).waitFor();
  await page.getByPlaceholder("Filter by name").fill("storefront");
  await page.getByLabel("Repository", { exact: true }).selectOption("acme-robotics/storefront");
  await page.getByRole("button", { name: "Scan acme-robotics/storefront" }).click();

  // The scan runs in the background; the page follows it and then shows the result.
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible({ timeout: 30_000 });
  const treemap = page.getByRole("img", { name: "Findings by provider, then folder" });
  await expect(treemap).toBeVisible();
  await expect(treemap.locator("g.treemap-tile")).not.toHaveCount(0);
  await expect(page.locator(".treemap-group-label", { hasText: "Stripe" })).toBeVisible();
  await page.getByRole("button", { name: "By folder" }).click();
  await expect(page.getByRole("img", { name: "Findings by folder, then provider" })).toBeVisible();

  await expect(page.getByTestId("cost-total")).not.toHaveText("$0.00");
  const recommendations = page.getByRole("region", { name: "Recommendations" });
  const caching = recommendations
    .getByRole("listitem")
    .filter({ hasText: "Cache Google Maps Platform geocode results" });
  await expect(caching).toContainText(/saves ~\$[\d,.]+\/month/);
  await expect(caching.getByText("web/src/geo/geocode.ts:5")).toBeVisible();
  await expect(recommendations.getByText("Batch Anthropic createMessage calls with createMessageBatch")).toBeVisible();

  // Findings show the code around them.
  const findings = page.getByRole("region", { name: "Findings" });
  await findings.getByLabel("Provider").selectOption("stripe");
  await expect(findings.getByLabel("web/src/pay.ts around line 1")).toContainText('import Stripe from "stripe"');
  await ada.context.close();
});

test("a viewer sees the scan but cannot start one", async ({ browser }) => {
  const victor = await demoPerson(browser, "victor");
  const page = victor.page;
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByRole("link", { name: "Codebase analytics" }).click();
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Choose a repository" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rescan" })).toHaveCount(0);
  await expect(page.getByText("Upload an archive")).toHaveCount(0);
  await victor.context.close();
});
