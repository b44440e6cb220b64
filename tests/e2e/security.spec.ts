import { expect, test, type Page } from "@playwright/test";
import { demoPerson } from "./support/users";

/**
 * Issue 19 in the browser: the rooms run under the Content-Security-Policy without a single
 * violation (tldraw, CodeMirror and Liveblocks included), and Send asks before using the
 * organisation's key when someone else changed the request, with two people in the room.
 */
function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  void page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  return problems;
}

test("the canvas, request and AI rooms run under the CSP with no violation", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const problems = watchForViolations(ada.page);
  await ada.page.goto("/workspaces");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  await expect(ada.page).toHaveURL(/\/w\/[0-9a-f-]+$/);
  const workspace = ada.page.url();
  for (const title of [
    "Q3 API spend review",
    "Create a Stripe PaymentIntent",
    "Summarise support tickets with Claude",
  ]) {
    await ada.page.goto(workspace);
    await ada.page.getByRole("link", { name: title }).click();
    await expect(ada.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
    if (title.startsWith("Q3")) {
      await expect(ada.page.getByTestId("canvas-stage")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
      await expect(ada.page.getByTestId("cost-card").first()).toBeVisible();
    }
    if (title.startsWith("Create")) {
      await ada.page.getByRole("tab", { name: "Body" }).click();
      await expect(ada.page.getByTestId("body-editor").locator(".cm-content")).toBeVisible();
    }
    // Fonts, icons, lazy chunks and the sync socket have all had their chance to load.
    await ada.page.waitForLoadState("networkidle");
  }
  const policy = (await ada.page.request.get(workspace)).headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-/);
  expect(problems).toEqual([]);
  await ada.context.close();
});

test("Send asks before using the organisation's key once someone else changed the request", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  await ada.page.goto("/workspaces");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  await ada.page.getByLabel("New").selectOption("REQUEST");
  await ada.page.getByLabel("Title").fill(`Key check ${Date.now()}`);
  await ada.page.getByRole("button", { name: "Create" }).click();
  await expect(ada.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await grace.page.goto(ada.page.url());
  await expect(grace.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  // Ada writes a request that uses the organisation's Stripe key; she has not seen it before.
  await ada.page.getByTestId("request-url").fill("https://api.stripe.com/v1/charges?expand={{STRIPE_API_KEY}}");
  await expect(grace.page.getByTestId("request-url")).toHaveValue(/STRIPE_API_KEY/);
  const dialog = ada.page.getByTestId("org-key-confirm");
  const history = ada.page.getByTestId("history-entry");

  // Grace changes it. Ada's Send asks first, naming the key and where it goes; Cancel sends nothing.
  await grace.page.getByTestId("request-url").fill("https://api.stripe.com/v1/refunds?expand={{STRIPE_API_KEY}}");
  await expect(ada.page.getByTestId("request-url")).toHaveValue(/refunds/);
  await ada.page.getByTestId("send-button").click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("{{STRIPE_API_KEY}}");
  await expect(dialog).toContainText("api.stripe.com");
  await expect(dialog).toContainText("GET https://api.stripe.com/v1/refunds");
  await ada.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(history).toHaveCount(0);

  // Confirmed, it sends (this machine is offline, so Stripe is not reached, but the key was allowed to go).
  await ada.page.getByTestId("send-button").click();
  await ada.page.getByTestId("org-key-confirm-send").click();
  await expect(history).toHaveCount(1);

  // Her own edit needs no question; someone else's edit asks again.
  await ada.page.getByTestId("request-url").fill("https://api.stripe.com/v1/charges?expand={{STRIPE_API_KEY}}");
  await ada.page.getByTestId("send-button").click();
  await expect(history).toHaveCount(2);
  await expect(dialog).toBeHidden();
  await grace.page.getByTestId("request-url").fill("https://api.stripe.com/v1/payouts?expand={{STRIPE_API_KEY}}");
  await expect(ada.page.getByTestId("request-url")).toHaveValue(/payouts/);
  await ada.page.getByTestId("send-button").click();
  await expect(dialog).toBeVisible();
  await ada.context.close();
  await grace.context.close();
});
