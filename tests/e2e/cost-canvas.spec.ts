import { expect, test, type Page } from "@playwright/test";
import { demoPerson } from "./support/users";

/** A fresh canvas in the demo workspace, so tests never see each other's cards and pins. */
async function newCanvas(page: Page, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByLabel("New").selectOption("CANVAS");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await canvasReady(page);
  return page.url();
}

async function canvasReady(page: Page) {
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("canvas-stage")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}

const card = (page: Page, api: string) => page.getByTestId("cost-card").filter({ hasText: api });

async function center(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

test("two people build a cost canvas: a card, a pinned thread, a mention, a pin that follows its card", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await newCanvas(ada.page, `Spend review ${Date.now()}`);
  await grace.page.goto(url);
  await canvasReady(grace.page);

  // Ada drags the OpenAI subscription onto the canvas; the live card appears for Grace.
  const stage = ada.page.getByTestId("canvas-stage");
  const stageBox = (await stage.boundingBox())!;
  await ada.page
    .getByTestId("subscription-item")
    .filter({ hasText: "OpenAI API" })
    .dragTo(stage, { targetPosition: { x: stageBox.width / 2 - 80, y: stageBox.height / 2 - 60 } });
  await expect(card(ada.page, "OpenAI API")).toBeVisible();
  await expect(card(grace.page, "OpenAI API")).toBeVisible();
  await expect(card(grace.page, "OpenAI API").getByTestId("month-to-date")).toHaveText(/^\$[\d,.]+$/);
  await expect(card(grace.page, "OpenAI API").getByTestId("budget-status")).toBeVisible();

  // Undo and redo are tldraw's, per person, and sync like any change. (Clicking the new
  // card gives the canvas the keyboard; clicking empty canvas would be an undo step itself.)
  const added = (await card(ada.page, "OpenAI API").boundingBox())!;
  await ada.page.mouse.click(added.x + 30, added.y + 20);
  await ada.page.keyboard.press("Control+z");
  await expect(card(grace.page, "OpenAI API")).toHaveCount(0);
  await ada.page.keyboard.press("Control+Shift+z");
  await expect(card(grace.page, "OpenAI API")).toBeVisible();

  // tldraw's own collaborator cursor, with Grace's name, on Ada's screen.
  const graceStage = await center(grace.page, grace.page.getByTestId("canvas-stage"));
  await grace.page.mouse.move(graceStage.x + 150, graceStage.y + 120, { steps: 4 });
  await expect(ada.page.locator(".tl-collaborator__cursor").filter({ hasText: "Grace Hopper" })).toBeVisible();

  // Ada pins a thread to the card and mentions Grace.
  await ada.page.getByRole("button", { name: "+ Comment" }).click();
  const onCard = await center(ada.page, card(ada.page, "OpenAI API"));
  await ada.page.mouse.click(onCard.x + 40, onCard.y);
  const composer = ada.page.getByLabel("Your comment");
  await composer.pressSequentially("Is this spike expected? @Gra");
  await ada.page.getByRole("option", { name: /Grace Hopper/ }).click();
  await composer.press("Control+Enter");
  await expect(ada.page.getByTestId("thread-detail")).toContainText("Is this spike expected? @Grace Hopper");
  await expect(ada.page.getByTestId("comment-pin")).toHaveCount(1);

  // Grace sees the pin and the thread, marked as mentioning her, and is notified.
  const gracePin = grace.page.getByTestId("comment-pin");
  await expect(gracePin).toHaveCount(1);
  const item = grace.page.getByTestId("thread-item");
  await expect(item).toContainText("Is this spike expected?");
  await expect(item).toContainText("@ you");
  await expect(item.getByLabel("Unread")).toBeVisible();
  await expect(grace.page.getByTestId("notification-bell")).toHaveAttribute("data-unread", "1", { timeout: 35_000 });
  await grace.page.getByTestId("notification-bell").click();
  await expect(grace.page.getByTestId("notification").first()).toContainText("Ada Lovelace mentioned you in");

  // Ada moves the card: the pin follows it on Grace's screen.
  const before = (await gracePin.boundingBox())!;
  const cardNow = await center(ada.page, card(ada.page, "OpenAI API"));
  await ada.page.mouse.move(cardNow.box.x + 30, cardNow.box.y + 20);
  await ada.page.mouse.down();
  await ada.page.mouse.move(cardNow.box.x + 130, cardNow.box.y + 80, { steps: 8 });
  await ada.page.mouse.move(cardNow.box.x + 230, cardNow.box.y + 140, { steps: 8 });
  await ada.page.mouse.up();
  await expect
    .poll(async () => {
      const after = (await gracePin.boundingBox())!;
      return Math.round(after.x - before.x) > 150 && Math.round(after.y - before.y) > 90;
    })
    .toBe(true);

  // Grace replies; Ada sees it. Then Ada deletes the card: the thread lives on, orphaned.
  await item.click();
  await grace.page.getByLabel("Reply").fill("Yes: the re-embedding batch. One-off.");
  await grace.page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(ada.page.getByTestId("thread-detail")).toContainText("Yes: the re-embedding batch. One-off.");
  const moved = (await card(ada.page, "OpenAI API").boundingBox())!;
  await ada.page.mouse.click(moved.x + 30, moved.y + 20);
  await ada.page.keyboard.press("Delete");
  await expect(card(grace.page, "OpenAI API")).toHaveCount(0);
  await expect(gracePin).toHaveCount(0);
  await grace.page.getByRole("button", { name: "← All comments" }).click();
  await expect(grace.page.getByTestId("thread-item")).toContainText("orphaned");
  await grace.page.getByTestId("thread-item").click();
  await expect(grace.page.getByTestId("thread-detail")).toContainText("This thread is orphaned");
  await expect(grace.page.getByTestId("comment")).toHaveCount(2);

  await ada.context.close();
  await grace.context.close();
});

test("a viewer can comment on a card but cannot move it", async ({ browser }) => {
  test.setTimeout(150_000);
  const ada = await demoPerson(browser, "ada");
  const victor = await demoPerson(browser, "victor");
  const url = await newCanvas(ada.page, `Viewer review ${Date.now()}`);
  await ada.page
    .getByRole("button", { name: "Add a cost card for Twilio Programmable Messaging, Voice & Verify (Growth)" })
    .click();
  await expect(card(ada.page, "Twilio")).toBeVisible();

  await victor.page.goto(url);
  await canvasReady(victor.page);
  await expect(victor.page.getByText("Viewers can look and comment, but not change the canvas.")).toBeVisible();
  await expect(victor.page.getByRole("button", { name: /Add a cost card/ })).toHaveCount(0);
  const victorCard = card(victor.page, "Twilio");
  await expect(victorCard).toBeVisible();

  // He tries to drag the card away: nothing moves, for him or for Ada.
  const start = (await victorCard.boundingBox())!;
  const adaStart = (await card(ada.page, "Twilio").boundingBox())!;
  await victor.page.mouse.move(start.x + 30, start.y + 20);
  await victor.page.mouse.down();
  await victor.page.mouse.move(start.x + 200, start.y + 150, { steps: 10 });
  await victor.page.mouse.up();
  await victor.page.waitForTimeout(500);
  expect(await victorCard.boundingBox()).toEqual(start);
  expect(await card(ada.page, "Twilio").boundingBox()).toEqual(adaStart);

  // But he can comment on it, and Ada sees his comment.
  await victor.page.getByRole("button", { name: "+ Comment" }).click();
  const onCard = await center(victor.page, victorCard);
  await victor.page.mouse.click(onCard.x, onCard.y);
  await victor.page.getByLabel("Your comment").fill("Why did SMS spend jump this week?");
  await victor.page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(victor.page.getByTestId("thread-detail")).toContainText("Why did SMS spend jump this week?");
  await expect(ada.page.getByTestId("comment-pin")).toHaveCount(1);
  await expect(ada.page.getByTestId("thread-item")).toContainText("Victor Viewer");

  await ada.context.close();
  await victor.context.close();
});

test("a card shows new usage soon after it is ingested", async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await demoPerson(browser, "ada");
  // An organisation token, made on the admin page the way an owner would.
  await ada.page.goto("/workspaces");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  await ada.page.getByRole("link", { name: "Usage ingestion tokens" }).click();
  await ada.page.getByLabel("Name").fill(`e2e ${Date.now()}`);
  await ada.page.getByRole("button", { name: "Create token" }).click();
  const token = (await ada.page.getByTestId("new-token").textContent())!;
  const subscriptionId = (await ada.page.locator("li", { hasText: "Mapbox APIs" }).locator("code").textContent())!;

  await newCanvas(ada.page, `Fresh numbers ${Date.now()}`);
  await ada.page.getByRole("button", { name: /Add a cost card for Mapbox APIs/ }).click();
  const figure = card(ada.page, "Mapbox APIs").getByTestId("month-to-date");
  await expect(figure).toHaveText(/^\$/);
  const before = Number((await figure.textContent())!.replace(/[$,]/g, ""));

  // 20 batch geocoding calls of 1,000 addresses: $0.00075 each, no free tier, so $15 more.
  const response = await ada.page.request.post("/api/usage/events", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      events: Array.from({ length: 20 }, (_, i) => ({
        eventId: `e2e-${Date.now()}-${i}`,
        subscriptionId,
        operation: "batchGeocode",
        units: 1000,
        occurredAt: new Date().toISOString(),
      })),
    },
  });
  expect(response.status()).toBe(200);
  expect((await response.json()).accepted).toBe(20);
  // Nobody presses Refresh: the card picks it up at its next refresh (every 15 seconds).
  await expect
    .poll(async () => Number((await figure.textContent())!.replace(/[$,]/g, "")), { timeout: 25_000 })
    .toBeGreaterThanOrEqual(before + 14.99);
  await ada.context.close();
});
