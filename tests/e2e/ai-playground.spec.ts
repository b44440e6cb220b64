import { type LiveblocksError, Liveblocks } from "@liveblocks/node";
import { expect, test } from "@playwright/test";
import { decryptSecret } from "~/keys/secret-box.server";
import { askInRoom, createAiChat, fakeClaudeRequests, sql } from "./support/ai";
import { demoPerson, newPerson } from "./support/users";

const SLOW = '[[fake: {"kind":"answer","chunkDelayMs":70}]]';

test("two people in an AI room watch the answer stream, and it completes after the asker leaves", async ({
  browser,
}) => {
  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createAiChat(ada.page, "Streaming");
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  // The composer's language and API are shared: Grace sees what Ada picks.
  const composer = ada.page.getByRole("form", { name: "Ask Claude" });
  await composer.getByLabel("API").selectOption({ label: "Stripe API" });
  await composer.getByLabel("Language").selectOption({ label: "Python" });
  const graceComposer = grace.page.getByRole("form", { name: "Ask Claude" });
  await expect(graceComposer.getByLabel("Language")).toHaveValue("python");
  await expect(graceComposer.getByLabel("API")).toHaveValue("stripe");

  // Grace's browser notes each state of the answer as it renders, to see it stream.
  await grace.page.evaluate(() => {
    const states: string[] = [];
    (window as unknown as { __states: string[] }).__states = states;
    new MutationObserver(() => {
      const answer = [...document.querySelectorAll('[data-testid="chat-answer"]')].at(-1) as HTMLElement | undefined;
      if (!answer) return;
      const state = `${answer.dataset.status}:${answer.querySelector(".answer-markdown")?.textContent?.length ?? 0}`;
      if (states.at(-1) !== state) states.push(state);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await askInRoom(ada.page, `Create a PaymentIntent for 42 USD ${SLOW}`);
  const graceAnswer = grace.page.getByTestId("chat-answer").last();
  // Grace sees it arrive word by word: streaming, with part of the text, before it is complete.
  await expect(graceAnswer).toHaveAttribute("data-status", "streaming");
  await expect(graceAnswer.locator(".answer-markdown")).toContainText("Here is a working call");
  await expect(grace.page.getByTestId("chat-question").last()).toContainText("Ada Lovelace");

  // Ada closes her tab mid-answer; the server finishes it for everyone.
  await ada.context.close();
  await expect(graceAnswer).toHaveAttribute("data-status", "complete", { timeout: 20_000 });
  // Many growing states of the text while streaming, not one jump at the end.
  const states = await grace.page.evaluate(() => (window as unknown as { __states: string[] }).__states);
  const growing = states.filter((s) => s.startsWith("streaming:") && !s.endsWith(":0"));
  expect(growing.length, states.join(" ")).toBeGreaterThan(5);
  await expect(graceAnswer.getByTestId("answer-usage")).toContainText(
    /input \+ \d+ output tokens · \$0\.\d+ · Claude Sonnet 4/,
  );
  await expect(graceAnswer.getByTestId("answer-code").first()).toBeVisible();

  // It is persisted: a fresh load shows it.
  await grace.page.reload();
  await expect(grace.page.getByTestId("chat-answer").last()).toHaveAttribute("data-status", "complete");
  await expect(grace.page.getByTestId("chat-answer").last()).toContainText("Install nothing");
  await grace.context.close();
});

test("the daily limit is exact under a 200-request race, and the refusal shows its reset time", async ({ browser }) => {
  const olga = await newPerson(browser, "Free Olga");
  await olga.page
    .getByRole("link", { name: /workspace/i })
    .first()
    .click();
  await olga.page.getByLabel("New").selectOption("AI");
  await olga.page.getByLabel("Title").fill("Race");
  await olga.page.getByRole("button", { name: "Create" }).click();
  await expect(olga.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [olga.email]);
  await sql(`INSERT INTO "AiQuotaDay" ("userId", "day", "used") VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 47)`, [
    user!.id,
  ]);

  const askUrl = `${new URL(olga.page.url()).pathname}/ask`;
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      olga.page.request.post(askUrl, { data: { mode: "GENERATE", language: "javascript", prompt: `race ${i}` } }),
    ),
  );
  expect(responses.filter((r) => r.status() === 202)).toHaveLength(3);
  expect(responses.filter((r) => r.status() === 429)).toHaveLength(197);

  await olga.page.reload();
  await expect(olga.page.getByTestId("quota-used")).toHaveText("50");
  await expect(olga.page.getByTestId("quota-left")).toHaveText("0");
  await askInRoom(olga.page, "one more?").catch(() => {});
  await expect(olga.page.getByTestId("ai-ask-error")).toContainText(
    "You have used all 50 AI generations for today on the free plan. They reset at 00:00 UTC.",
  );
  await expect(olga.page.getByTestId("ai-ask-error")).toContainText("resets");
  await olga.context.close();
});

test("the organisation's stored Stripe key reaches neither Claude, the room nor the page", async ({ browser }) => {
  const [key] = await sql<{ ciphertext: string; envVarName: string }>(
    `SELECT k.ciphertext, k."envVarName" FROM "ApiKey" k JOIN "Subscription" s ON s.id = k."subscriptionId" JOIN "Plan" p ON p.id = s."planId" JOIN "Api" a ON a.id = p."apiId" WHERE a.slug = 'stripe' LIMIT 1`,
  );
  const secret = decryptSecret(key!.ciphertext);
  expect(secret).toMatch(/^demo_stripe_/);

  const ada = await demoPerson(browser, "ada");
  const grace = await demoPerson(browser, "grace");
  const url = await createAiChat(ada.page, "Canary");
  await grace.page.goto(url);
  await expect(grace.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  const before = (await fakeClaudeRequests()).length;
  await askInRoom(ada.page, "List my charges using my Stripe key", { api: "Stripe API", language: "TypeScript" });
  await expect(ada.page.getByTestId("chat-answer").last()).toHaveAttribute("data-status", "complete", {
    timeout: 20_000,
  });
  await expect(grace.page.getByTestId("chat-answer").last()).toHaveAttribute("data-status", "complete");

  const sent = (await fakeClaudeRequests()).slice(before).filter((r) => r.raw.includes("List my charges"));
  expect(sent).toHaveLength(1);
  expect(sent[0]!.raw).not.toContain(secret);
  expect(sent[0]!.body.system).toContain(key!.envVarName);
  for (const page of [ada.page, grace.page]) expect(await page.content()).not.toContain(secret);
  const roomId = decodeURIComponent(
    (await ada.page.evaluate(
      async () => (await (await fetch(location.pathname + ".data")).text()).match(/ws_[0-9a-f-]+:ai:[0-9a-f-]+/)?.[0],
    )) ?? "",
  );
  const storage = await new Liveblocks({
    secret: process.env.LIVEBLOCKS_SECRET_KEY!,
    baseUrl: process.env.LIVEBLOCKS_BASE_URL,
  })
    .getStorageDocument(roomId, "json")
    .catch((e: LiveblocksError) => ({ error: e.status }));
  expect(JSON.stringify(storage)).toContain("List my charges");
  expect(JSON.stringify(storage)).not.toContain(secret);
  await ada.context.close();
  await grace.context.close();
});

test("a saved snippet made public opens logged out, counts views once, and forks into another workspace", async ({
  browser,
}) => {
  const ada = await demoPerson(browser, "ada");
  await createAiChat(ada.page, "Snippets");
  await askInRoom(ada.page, "Fetch the things", { language: "TypeScript" });
  const answer = ada.page.getByTestId("chat-answer").last();
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 20_000 });
  await answer.getByRole("button", { name: "Save as snippet" }).first().click();
  const title = `Fetch things ${Date.now()}`;
  await answer.getByLabel("Title").fill(title);
  await answer.getByRole("button", { name: "Save snippet" }).click();
  await answer.getByRole("link", { name: "Open it" }).click();
  await expect(ada.page.getByTestId("snippet-title")).toHaveText(title);
  await ada.page.getByRole("button", { name: "Make public" }).click();
  await expect(ada.page.getByRole("button", { name: "Make private" })).toBeVisible();
  const shareUrl = await ada.page.getByTestId("share-url").inputValue();
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);

  // Logged out: server-rendered, highlighted, one more view; a reload is not another.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(shareUrl);
  await expect(page.getByTestId("snippet-title")).toHaveText(title);
  await expect(page.locator(".code-block .hljs-keyword").first()).toBeVisible();
  await expect(page.getByTestId("view-count")).toHaveText("2");
  await page.reload();
  await expect(page.getByTestId("view-count")).toHaveText("2");
  await expect(page.getByRole("link", { name: "Log in" }).last()).toBeVisible();

  // Someone from another organisation forks it into their own workspace.
  const olga = await newPerson(browser, "Forking Olga");
  await olga.page.goto(shareUrl);
  await olga.page.getByRole("button", { name: "Fork" }).click();
  await expect(olga.page.getByTestId("forked-from")).toContainText(title);
  await expect(olga.page.getByText("private to its workspace")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("fork-count")).toHaveText("1");
  for (const context of [ada.context, visitor, olga.context]) await context.close();
});

test("code runs in a sandbox that can't read the app's cookies or storage, with a time limit", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  await ada.page.goto("/workspaces");
  await ada.page.getByRole("link", { name: "Acme Platform" }).click();
  await expect(ada.page).toHaveURL(/\/w\/[0-9a-f-]+$/);
  const workspacePath = new URL(ada.page.url()).pathname;
  // Something worth stealing, in the app's own origin.
  await ada.page.evaluate(() => {
    document.cookie = "e2e_canary=cookie-secret-123; path=/";
    localStorage.setItem("e2e_canary", "storage-secret-456");
    sessionStorage.setItem("e2e_canary", "session-secret-789");
  });
  const appOrigin = new URL(ada.page.url()).origin;
  const probe = `
const report = [];
const probe = (name, fn) => { try { report.push(name + ": " + String(fn())); } catch (e) { report.push(name + ": blocked (" + e.name + ")"); } };
probe("cookie", () => document.cookie);
probe("localStorage", () => localStorage.getItem("e2e_canary"));
probe("sessionStorage", () => sessionStorage.getItem("e2e_canary"));
probe("parent", () => parent.document.cookie);
probe("top", () => top.location.href);
for (const line of report) console.log(line);
try { const r = await fetch(${JSON.stringify(appOrigin)} + "/workspaces", { credentials: "include" }); console.log("fetch: " + r.status + " " + (await r.text()).slice(0, 80)); }
catch (e) { console.log("fetch: blocked (" + e.name + ")"); }
const typed = 6 * 7;
console.log("answer", typed);`;
  const save = async (title: string, code: string, language = "javascript") => {
    const res = await ada.page.request.post(`${workspacePath}/snippets/save`, { data: { title, language, code } });
    expect(res.status()).toBe(201);
    return (await res.json()).url as string;
  };

  await ada.page.goto(await save("Probe", probe));
  await ada.page.getByRole("button", { name: "▶ Run" }).click();
  const output = ada.page.getByTestId("sandbox-console");
  await expect(output).toContainText("answer 42");
  await expect(output).toContainText("Finished in");
  for (const name of ["cookie", "localStorage", "sessionStorage", "parent", "top", "fetch"])
    await expect(output).toContainText(`${name}: blocked (`);
  const text = await output.innerText();
  for (const secret of ["cookie-secret-123", "storage-secret-456", "session-secret-789", "__session"])
    expect(text).not.toContain(secret);
  expect(await ada.page.getByTestId("sandbox-frame").getAttribute("sandbox")).toBe("allow-scripts");

  // TypeScript compiles in the browser; an endless loop is stopped and the page stays usable.
  await ada.page.goto(await save("Typed", "const n: number = 21;\nconsole.log(`double: ${n * 2}`);", "typescript"));
  await ada.page.getByRole("button", { name: "▶ Run" }).click();
  await expect(ada.page.getByTestId("sandbox-console")).toContainText("double: 42");
  await ada.page.goto(await save("Forever", "console.log('spinning'); while (true) {}"));
  await ada.page.getByRole("button", { name: "▶ Run" }).click();
  await expect(ada.page.getByTestId("sandbox-console")).toContainText("spinning");
  await expect(ada.page.getByTestId("sandbox-console")).toContainText("Stopped: the 10 s time limit was reached.", {
    timeout: 15_000,
  });
  await expect(ada.page.getByTestId("sandbox-frame")).toHaveCount(0);
  await ada.page.getByRole("button", { name: "Make public" }).click();
  await expect(ada.page.getByRole("button", { name: "Make private" })).toBeVisible();
  await ada.context.close();
});
