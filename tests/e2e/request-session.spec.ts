import { Liveblocks } from "@liveblocks/node";
import { expect, test, type Page } from "@playwright/test";
import { demoPerson, newPerson } from "./support/users";

/**
 * A testing session with three people (three browser contexts) on the real sync engine:
 * Ada (owner) shares a code, Olga from another organisation joins as a guest, Grace (a
 * member) opens it too. They edit at once, send to a local target, chat, keep their
 * secrets to themselves, and the server's recording replays what happened.
 */
const TARGET = process.env.E2E_TARGET_URL!;
const ADA_SECRET = "ada-secret-value-8842";
const OLGA_SECRET = "olga-secret-value-5531";

async function createRequestDocument(page: Page, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByLabel("New").selectOption("REQUEST");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  return page.url();
}

const bodyEditor = (page: Page) => page.getByTestId("body-editor").locator(".cm-content");
/** The body's text without the other people's caret labels drawn inside it. */
const bodyText = (page: Page) =>
  page
    .getByTestId("body-editor")
    .locator(".cm-content")
    .evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".cm-ySelectionCaret, .cm-ySelectionInfo").forEach((c) => c.remove());
      return (copy.textContent ?? "").replace(/\u2060/g, "");
    });

test("three people share a session: join by code, edit at once, send, chat, secrets stay private, replay", async ({
  browser,
}) => {
  test.setTimeout(300_000); // three browsers, typing at human speed, then a replay
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const olga = await newPerson(browser, "Olga Outsider");
  const url = await createRequestDocument(ada.page, `Session ${Date.now()}`);

  // Ada makes a code; Olga (no member of the workspace) joins with it as a guest.
  await ada.page.getByRole("button", { name: "New session code" }).click();
  const code = (await ada.page.getByTestId("session-code").textContent())!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await olga.page.goto("/join");
  await olga.page.getByLabel("Session code").fill(code.toLowerCase().replace(/-/g, " "));
  await olga.page.getByRole("button", { name: "Join session" }).click();
  await expect(olga.page).toHaveURL(url);
  await expect(olga.page.getByTestId("guest-banner")).toBeVisible();
  await expect(olga.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await grace.page.goto(url);
  for (const { page } of [ada, grace, olga]) await expect(page.getByTestId("presence-count")).toHaveText("3 here");
  await expect(ada.page.locator('[data-testid="presence-avatar"][data-name="Olga Outsider"]')).toHaveAttribute(
    "aria-label",
    /guest/,
  );

  // At the same time: Ada writes the URL, Grace and Olga type into the body.
  for (const { page } of [grace, olga]) await page.getByRole("tab", { name: "Body" }).click();
  await grace.page.getByLabel("Body type").selectOption("application/json");
  await expect(olga.page.getByLabel("Body type")).toHaveValue("application/json");
  await bodyEditor(grace.page).click();
  await bodyEditor(olga.page).click();
  await Promise.all([
    ada.page.getByTestId("request-url").pressSequentially(`${TARGET}/echo`, { delay: 15 }),
    grace.page.keyboard.type('{"from":"grace"}', { delay: 20 }),
    olga.page.keyboard.type("olga-was-here ", { delay: 20 }),
  ]);
  for (const { page } of [ada, grace, olga]) {
    await expect(page.getByTestId("request-url")).toHaveValue(`${TARGET}/echo`);
  }
  await ada.page.getByRole("tab", { name: "Body" }).click();
  for (const { page } of [ada, grace, olga]) {
    await expect(bodyEditor(page)).toContainText('{"from":"grace"}');
    await expect(bodyEditor(page)).toContainText("olga-was-here");
  }
  const mergedBody = await bodyText(ada.page);
  for (const { page } of [grace, olga]) await expect.poll(() => bodyText(page)).toBe(mergedBody);
  // Make the body valid JSON again, in one edit that everyone sees.
  await bodyEditor(ada.page).click();
  await ada.page.keyboard.press("Control+A");
  await ada.page.keyboard.type('{"amount":2000}');
  await expect.poll(() => bodyText(olga.page)).toBe('{"amount":2000}');

  // A secret variable: its name is shared, each person's value is their own.
  await ada.page.getByRole("tab", { name: "Environment" }).click();
  await ada.page.getByRole("button", { name: "+ Add variable" }).click();
  await ada.page.getByLabel("Variable name").fill("TOKEN");
  await ada.page.getByLabel("TOKEN is secret").check();
  await ada.page.getByLabel("Your value for TOKEN").fill(ADA_SECRET);
  await ada.page.getByRole("button", { name: "Save" }).click();
  await expect(ada.page.getByTestId("my-secret")).toContainText("8842");
  await olga.page.getByRole("tab", { name: "Environment" }).click();
  await olga.page.getByLabel("Your value for TOKEN").fill(OLGA_SECRET);
  await olga.page.getByRole("button", { name: "Save" }).click();
  await expect(olga.page.getByTestId("my-secret")).toContainText("5531");
  await expect(ada.page.getByTestId("my-secret")).toContainText("8842"); // Olga's value did not overwrite Ada's
  await ada.page.getByRole("tab", { name: "Auth" }).click();
  await ada.page.getByLabel("Auth type").selectOption("bearer");
  await ada.page.getByLabel("Token", { exact: true }).fill("{{TOKEN}}");

  // Ada sends; all three see the same response from the local target.
  await ada.page.getByTestId("send-button").click();
  for (const { page } of [ada, grace, olga]) {
    await expect(page.getByTestId("response-status")).toHaveText("200 OK");
    await expect(page.getByTestId("response-body").locator(".cm-content")).toContainText('"path": "/echo"');
    await expect(page.getByTestId("response-body").locator(".cm-content")).toContainText('"authorization": "••••••"');
    await expect(page.getByTestId("history-entry")).toHaveCount(1);
  }

  // A refused send (cloud metadata) is shown to everyone as refused.
  await olga.page.getByTestId("request-url").fill("http://169.254.169.254/latest/meta-data/");
  await olga.page.getByTestId("send-button").click();
  for (const { page } of [ada, grace, olga]) {
    await expect(page.getByTestId("response-status")).toHaveText("Refused");
    await expect(page.getByTestId("response-error")).toContainText("link-local");
  }

  // Chat, live for everyone, with its author.
  await olga.page.getByTestId("chat-input").fill("The echo shows the token masked, nice");
  await olga.page.getByRole("button", { name: "Send", exact: true }).last().click();
  for (const { page } of [ada, grace, olga]) {
    await expect(page.locator('[data-testid="chat-message"][data-author="Olga Outsider"]')).toContainText(
      "The echo shows the token masked",
    );
  }

  // Nobody's secret is in anyone else's page, nor in the room's storage.
  for (const { page } of [ada, grace, olga]) {
    const html = await page.content();
    if (page !== ada.page) expect(html).not.toContain(ADA_SECRET);
    if (page !== olga.page) expect(html).not.toContain(OLGA_SECRET);
    expect(html).not.toContain(ADA_SECRET.slice(0, 10));
  }
  const roomId = await ada.page.evaluate(
    async () =>
      (await (await fetch(location.pathname + ".data")).text()).match(/ws_[0-9a-f-]+:request:[0-9a-f-]+/)?.[0],
  );
  const storage = JSON.stringify(
    await new Liveblocks({
      secret: process.env.LIVEBLOCKS_SECRET_KEY!,
      baseUrl: process.env.LIVEBLOCKS_BASE_URL,
    }).getStorageDocument(roomId!, "json"),
  );
  expect(storage).toContain("TOKEN");
  expect(storage).not.toContain(ADA_SECRET);
  expect(storage).not.toContain(OLGA_SECRET);

  // The replay shows the same sequence: the request, the response, the refusal, the chat.
  await ada.page.waitForTimeout(2500); // the recorder writes every second
  await ada.page.reload();
  await ada.page.getByTestId("recording-link").first().click();
  const replay = ada.page;
  await expect(replay.getByTestId("replay")).toBeVisible();
  const seek = replay.getByTestId("replay-seek");
  const max = Number(await seek.getAttribute("max"));
  await seek.fill(String(max));
  await expect(replay.getByTestId("replay-url")).toHaveText("http://169.254.169.254/latest/meta-data/");
  await expect(replay.getByTestId("response-status")).toHaveText("Refused");
  await expect(replay.getByTestId("history-entry")).toHaveCount(2);
  await expect(replay.getByTestId("replay-body")).toHaveText('{"amount":2000}');
  await expect(replay.locator('[data-testid="chat-message"][data-author="Olga Outsider"]')).toBeVisible();
  // Ada left the room to open the replay; Grace and Olga are still there at the end.
  await expect(replay.locator('[data-testid="replay-participant"][data-name="Olga Outsider"]')).toBeVisible();
  await expect(replay.locator('[data-testid="replay-participant"][data-name="Grace Hopper"]')).toBeVisible();
  expect(await replay.content()).not.toContain(ADA_SECRET);
  // Earlier: at the very start nothing was sent; stepping through the recording shows
  // the first send's 200, then the refusal, in that order.
  await seek.fill("0");
  await expect(replay.getByText("Nothing sent yet at this point.")).toBeVisible();
  await expect(replay.getByTestId("chat-message")).toHaveCount(0);
  const sequence = await replay.evaluate(async (end) => {
    const slider = document.querySelector<HTMLInputElement>('[data-testid="replay-seek"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    const seen: string[] = [];
    let most = 0;
    for (let ms = 0; ms <= end + 500; ms += 500) {
      setter.call(slider, String(Math.min(ms, end)));
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 25));
      const status = document.querySelector('[data-testid="response-status"]')?.textContent ?? "nothing";
      if (seen.at(-1) !== status) seen.push(status);
      most = Math.max(most, document.querySelectorAll('[data-testid="replay-participant"]').length);
    }
    return { seen, most };
  }, max);
  expect(sequence.seen).toEqual(["nothing", "200 OK", "Refused"]);
  expect(sequence.most).toBe(3); // all three were there together
  // Play and pause: time moves while playing, and stops.
  await seek.fill("0");
  await replay.getByLabel("Speed").selectOption("16");
  await replay.getByTestId("replay-play").click();
  await expect(replay.getByTestId("replay-time")).not.toHaveText(/^0:00 /);
  await replay.getByTestId("replay-play").click();
  const paused = await replay.getByTestId("replay-time").textContent();
  await replay.waitForTimeout(500);
  await expect(replay.getByTestId("replay-time")).toHaveText(paused!);

  for (const person of [ada, grace, olga]) await person.context.close();
});

test("an environment deleted by one person disappears for the other, and undo brings it back", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createRequestDocument(ada.page, `Environments ${Date.now()}`);
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  for (const { page } of [ada, grace]) await page.getByRole("tab", { name: "Environment" }).click();

  await ada.page.getByRole("button", { name: "+ New environment" }).click();
  await ada.page.getByLabel("Environment name").fill("Staging");
  const graceOptions = grace.page.getByLabel("Active environment").locator("option");
  await expect(graceOptions).toHaveText(["None", "Default", "Staging"]);

  ada.page.once("dialog", (dialog) => dialog.accept());
  await ada.page.getByRole("button", { name: "Delete environment" }).click();
  await expect(graceOptions).toHaveText(["None", "Default"]);
  await expect(ada.page.getByLabel("Active environment")).toHaveValue("");

  await ada.page.getByRole("button", { name: "Undo" }).click();
  await expect(graceOptions).toHaveText(["None", "Default", "Staging"]);
  for (const person of [ada, grace]) await person.context.close();
});

test("a wrong code is refused, and guessing codes is stopped by the rate limit", async ({ browser }) => {
  const mallory = await newPerson(browser, "Mallory Guesser");
  await mallory.page.goto("/join");
  await mallory.page.getByLabel("Session code").fill("2222-3333-4444");
  await mallory.page.getByRole("button", { name: "Join session" }).click();
  await expect(mallory.page.getByRole("alert")).toContainText("does not match an open session");
  let status = 0;
  for (let i = 0; i < 12 && status !== 429; i++) {
    const response = await mallory.page.request.post("/join", {
      form: { code: `2222-3333-${String(4445 + i).replace(/[01]/g, "2")}` },
    });
    status = response.status();
  }
  expect(status).toBe(429);
  await mallory.context.close();
});
