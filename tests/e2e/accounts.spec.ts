import { expect, test } from "@playwright/test";
import { demoUser, newPerson, personLoggedIn } from "./support/users";

test("a new person signs up and lands in their own workspace", async ({ browser }) => {
  const { page, context } = await newPerson(browser, "Nia Newcomer");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Nia Newcomer");
  await page.getByRole("link", { name: "My workspace" }).click();
  await expect(page.getByRole("heading", { name: "My workspace" })).toBeVisible();
  await expect(page.getByText("You are owner here.")).toBeVisible();
  await expect(page.getByText("None yet.").first()).toBeVisible();

  await page.getByLabel("Title").fill("First request");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "First request" })).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await context.close();
});

test("sign-up explains each bad field, and answers a taken email like any other", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("X");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel(/^Password/).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like ada@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Email").fill(demoUser("ada").email);
  await page.getByLabel(/^Password/).fill("long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-sent")).toContainText(demoUser("ada").email);
  await expect(page.getByText("already exists")).toHaveCount(0);
  await expect(page.getByTestId("dev-signup-link")).toHaveCount(0);
});

test("log-in shows the demo accounts in development and refuses a wrong password", async ({ page }) => {
  await page.goto("/login");
  const demo = page.getByRole("complementary", { name: "Demo accounts" });
  await expect(demo).toContainText(demoUser("ada").email);
  await page.getByLabel("Email").fill(demoUser("grace").email);
  await page.getByLabel("Password").fill("not-her-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password don't match an account.");
});

test("a demo person logs in through the form and lands on their workspaces", async ({ browser }) => {
  const grace = demoUser("grace");
  const { page, context } = await personLoggedIn(browser, grace.email, grace.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(grace.name);
  await expect(page.getByRole("link", { name: "Acme Platform" })).toBeVisible();
  await context.close();
});

test("log out ends the session", async ({ browser }) => {
  const { page, context } = await newPerson(browser, "Leaving Soon");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fworkspaces$/);
  await context.close();
});
