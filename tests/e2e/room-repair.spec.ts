import { LiveList, LiveObject } from "@liveblocks/client";
import { Liveblocks } from "@liveblocks/node";
import { expect, test, type Page } from "@playwright/test";
import { askInRoom } from "./support/ai";
import { createDocument, roomIdOf, writeWithToken } from "./support/documents";
import { demoPerson } from "./support/users";

/**
 * A member writes garbage into a room with their own token and the real Liveblocks client
 * (what any write token allows, whatever the page would let them do). Everyone in the room
 * keeps a working page that says the room is damaged; Repair brings the room back, rebuilding
 * what PostgreSQL holds and keeping what is still valid.
 */
const damaged = (page: Page) => page.getByTestId("room-damaged");

// Two or three browsers each, on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

async function expectDamagedButUsable(page: Page) {
  await expect(damaged(page)).toBeVisible();
  await expect(damaged(page)).toContainText("This document's live state is damaged");
  // The room itself still works: connected, and everyone is still shown.
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("presence-count")).toBeVisible();
}

const storageOf = (roomId: string) =>
  new Liveblocks({
    secret: process.env.LIVEBLOCKS_SECRET_KEY!,
    baseUrl: process.env.LIVEBLOCKS_BASE_URL,
  }).getStorageDocument(roomId, "json");

test("a request room: `request` set to 42 and junk chat are repaired, with the chat back from PostgreSQL", async ({
  browser,
}) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createDocument(ada.page, "REQUEST", "Repair request");
  // PostgreSQL holds the chat; only the room holds the environments.
  await ada.page.getByTestId("chat-input").fill("Keep this message");
  await ada.page.getByRole("button", { name: "Send", exact: true }).last().click();
  await expect(ada.page.getByTestId("chat-message")).toContainText("Keep this message");
  await ada.page.getByRole("tab", { name: "Environment" }).click();
  await ada.page.getByRole("button", { name: "+ New environment" }).click();
  await ada.page.getByLabel("Environment name").fill("Staging");
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("request-url")).toBeVisible();

  await writeWithToken(grace.page, await roomIdOf(grace.page), (root) => {
    root.set("request", 42);
    root.set("chat", new LiveList<number | string>([1, "junk"]));
  });
  for (const { page } of [ada, grace]) await expectDamagedButUsable(page);
  await expect(grace.page.getByTestId("room-problems")).toContainText("request");

  await grace.page.getByRole("button", { name: "Repair" }).click();
  for (const { page } of [ada, grace]) {
    await expect(damaged(page)).toHaveCount(0);
    await expect(page.getByTestId("chat-message")).toHaveText(/Keep this message/);
    await expect(page.getByTestId("request-url")).toHaveValue("");
  }
  await ada.page.getByRole("tab", { name: "Environment" }).click();
  await expect(ada.page.getByLabel("Active environment").locator("option")).toContainText(["Staging"]);
  // And it is a working room again: Grace's edit reaches Ada.
  await grace.page.getByTestId("request-url").fill("https://api.stripe.com/v1/charges");
  await expect(ada.page.getByTestId("request-url")).toHaveValue("https://api.stripe.com/v1/charges");
  for (const person of [ada, grace]) await person.context.close();
});

test("a canvas: a `records` that is not a map is repaired, and the canvas syncs again", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createDocument(ada.page, "CANVAS", "Repair canvas");
  const stage = (page: Page) => page.getByTestId("canvas-stage");
  await expect(stage(ada.page)).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  const comment = await ada.page.request.post(`${url}/threads`, {
    data: { intent: "create", shapeId: null, x: 120, y: 80, body: "Why is this so high?" },
  });
  expect(comment.status()).toBe(200);
  const { threadId } = (await comment.json()) as { threadId: string };
  await grace.page.goto(url);
  await expect(stage(grace.page)).toHaveAttribute("data-ready", "true", { timeout: 60_000 });

  const roomId = await roomIdOf(grace.page);
  await writeWithToken(grace.page, roomId, (root) => {
    root.set("records", 42);
    root.set("threads", "not a map");
  });
  for (const { page } of [ada, grace]) await expectDamagedButUsable(page);

  await ada.page.getByRole("button", { name: "Repair" }).click();
  for (const { page } of [ada, grace]) {
    await expect(damaged(page)).toHaveCount(0);
    await expect(stage(page)).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  }
  // The threads' mirror is back from PostgreSQL…
  expect(Object.keys((await storageOf(roomId)).threads as object)).toEqual([threadId]);
  // …and a card Ada adds reaches Grace.
  await ada.page.getByRole("button", { name: /Add a cost card for Twilio/ }).click();
  await expect(grace.page.getByTestId("cost-card").filter({ hasText: "Twilio" })).toBeVisible();
  for (const person of [ada, grace]) await person.context.close();
});

test("an AI chat: junk in `messages` is repaired, and the thread comes back from PostgreSQL", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createDocument(ada.page, "AI", "Repair chat");
  await askInRoom(ada.page, "Create a PaymentIntent for 42 USD");
  await expect(ada.page.getByTestId("chat-answer").last()).toHaveAttribute("data-status", "complete", {
    timeout: 30_000,
  });
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("chat-answer")).toHaveCount(1);

  await writeWithToken(grace.page, await roomIdOf(grace.page), (root) => {
    root.set(
      "messages",
      new LiveList<LiveObject<{ role: string }> | number | string>([1, "junk", new LiveObject({ role: "assistant" })]),
    );
  });
  for (const { page } of [ada, grace]) await expectDamagedButUsable(page);

  await grace.page.getByRole("button", { name: "Repair" }).click();
  for (const { page } of [ada, grace]) {
    await expect(damaged(page)).toHaveCount(0);
    await expect(page.getByTestId("chat-question")).toContainText("Create a PaymentIntent for 42 USD");
    await expect(page.getByTestId("chat-answer")).toHaveAttribute("data-status", "complete");
  }
  for (const person of [ada, grace]) await person.context.close();
});

test("an approval board: a viewer sees the damage but cannot repair; a member repairs it", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const victor = await demoPerson(browser, "victor");
  const url = await createDocument(ada.page, "APPROVALS", "Repair board");
  await victor.page.goto(url);
  await expect(victor.page.getByTestId("scratchpad")).toBeVisible();

  await writeWithToken(grace.page, await roomIdOf(ada.page), (root) => root.set("scratchpad", 42));
  for (const { page } of [ada, victor]) await expectDamagedButUsable(page);
  await expect(victor.page.getByRole("button", { name: "Repair" })).toHaveCount(0);
  await expect(damaged(victor.page)).toContainText("Ask someone who can edit this document to repair it.");

  await ada.page.getByRole("button", { name: "Repair" }).click();
  await expect(damaged(victor.page)).toHaveCount(0);
  await ada.page.getByTestId("scratchpad").fill("Back in business");
  await expect(victor.page.getByTestId("scratchpad")).toHaveValue("Back in business");
  for (const person of [ada, grace, victor]) await person.context.close();
});
