import { expect, test } from "@playwright/test";
import { createDocument } from "./support/documents";
import { demoPerson, openDemoDocument } from "./support/users";

test("two people in one room see each other, each other's cursor and each other's edits", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createDocument(ada.page, "AI", "Two people in one room");
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  // Presence: both see both.
  for (const { page } of [ada, grace]) {
    await expect(page.getByTestId("presence-count")).toHaveText("2 here");
    await expect(page.locator('[data-testid="presence-avatar"][data-name="Ada Lovelace"]')).toBeVisible();
    await expect(page.locator('[data-testid="presence-avatar"][data-name="Grace Hopper"]')).toBeVisible();
  }

  // Cursors: Grace moves her pointer over the room; Ada sees it, labelled, where it is.
  const surface = grace.page.locator(".cursor-surface");
  const box = (await surface.boundingBox())!;
  await grace.page.mouse.move(box.x + 200, box.y + 150);
  await grace.page.mouse.move(box.x + 240, box.y + 180, { steps: 4 });
  const graceCursor = ada.page.locator('[data-testid="live-cursor"][data-name="Grace Hopper"]');
  await expect(graceCursor).toBeVisible();
  await expect(graceCursor).toHaveAttribute("data-x", "240");
  await expect(graceCursor).toHaveAttribute("data-y", "180");

  // Edits: Ada types, Grace sees it; Grace adds to it, Ada sees that.
  const adaNotes = ada.page.getByTestId("scratchpad");
  const graceNotes = grace.page.getByTestId("scratchpad");
  await adaNotes.fill("Use claude-sonnet-4 for summaries.");
  await expect(graceNotes).toHaveValue("Use claude-sonnet-4 for summaries.");
  await graceNotes.press("End");
  await graceNotes.pressSequentially(" Cap at 4096 tokens.");
  await expect(adaNotes).toHaveValue("Use claude-sonnet-4 for summaries. Cap at 4096 tokens.");

  // "Who is where": Grace is in the notes, and Ada sees it.
  await expect(ada.page.getByText("Grace Hopper is editing")).toBeVisible();

  // Undo and redo are per person: Grace undoes her own typing step by step and redoes
  // it; Ada's sentence stays, and everyone sees each step.
  await graceNotes.blur();
  const graceUndo = grace.page.getByRole("button", { name: "↶ Undo" });
  while (await graceUndo.isEnabled()) await graceUndo.click();
  await expect(adaNotes).toHaveValue("Use claude-sonnet-4 for summaries.");
  await expect(ada.page.getByRole("button", { name: "↶ Undo" })).toBeEnabled(); // Ada's own change is still hers to undo
  await grace.page.keyboard.press("Control+Shift+Z");
  await expect(adaNotes).toHaveValue("Use claude-sonnet-4 for summaries. ");
  const graceRedo = grace.page.getByRole("button", { name: "↷ Redo" });
  while (await graceRedo.isEnabled()) await graceRedo.click();
  await expect(adaNotes).toHaveValue("Use claude-sonnet-4 for summaries. Cap at 4096 tokens.");

  await ada.context.close();
  await grace.context.close();
});

test("a request room shares its method and URL live", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createDocument(ada.page, "REQUEST", "Method and URL live");
  await grace.page.goto(url);
  await ada.page.getByLabel("Method").selectOption("POST");
  await ada.page.getByTestId("request-url").fill("https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json");
  await expect(grace.page.getByLabel("Method")).toHaveValue("POST");
  await expect(grace.page.getByTestId("request-url")).toHaveValue(
    "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json",
  );
  await ada.context.close();
  await grace.context.close();
});

test("the connection status shows reconnecting when the network drops, and recovers", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  await openDemoDocument(ada.page, "Q3 API spend review");
  await ada.context.setOffline(true);
  await expect(ada.page.getByTestId("connection-status")).toHaveAttribute("data-status", /reconnecting|disconnected/, {
    timeout: 20_000,
  });
  await expect(ada.page.getByTestId("connection-status")).toContainText(/Reconnecting|Offline/);
  await ada.context.setOffline(false);
  await expect(ada.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected", {
    timeout: 30_000,
  });
  await ada.context.close();
});
