import { expect, test } from "@playwright/test";
import { createDocument } from "./support/documents";
import { demoPerson, newPerson, openDemoDocument } from "./support/users";

test("a viewer follows along but cannot edit or create", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const victor = await demoPerson(browser, "victor");
  const url = await createDocument(ada.page, "APPROVALS", "Viewer follows along");
  await victor.page.goto(url);
  await expect(victor.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  // Victor is present (read + presence), and his cursor reaches Ada.
  await expect(ada.page.locator('[data-testid="presence-avatar"][data-name="Victor Viewer"]')).toBeVisible();
  const box = (await victor.page.locator(".cursor-surface").boundingBox())!;
  await victor.page.mouse.move(box.x + 120, box.y + 90, { steps: 3 });
  await expect(ada.page.locator('[data-testid="live-cursor"][data-name="Victor Viewer"]')).toBeVisible();

  // He cannot type into the shared notes; Ada's text arrives in his read-only view.
  const notes = victor.page.getByTestId("scratchpad");
  await expect(notes).toHaveAttribute("readonly", "");
  await ada.page.getByTestId("scratchpad").fill("Reviewed by finance on Monday");
  await expect(notes).toHaveValue("Reviewed by finance on Monday");

  // No create form for viewers, and the server refuses a forged create.
  await victor.page.goto(url.replace(/\/d\/.*/, ""));
  await expect(victor.page.getByText("Viewers can open and follow documents but not create them.")).toBeVisible();
  await expect(victor.page.getByRole("button", { name: "Create" })).toHaveCount(0);
  const forged = await victor.page.request.post(`${url.replace(/\/d\/.*/, "")}?index`, {
    form: { kind: "AI", title: "Forged" },
  });
  expect(forged.status()).toBe(403);

  await ada.context.close();
  await victor.context.close();
});

test("someone from another organisation gets 404 for the page and no room token", async ({ browser }) => {
  const ada = await demoPerson(browser, "ada");
  const url = await openDemoDocument(ada.page, "Create a Stripe PaymentIntent");
  const roomId = await ada.page.evaluate(async () => {
    // The room id is not a secret; what matters is that a token for it is refused.
    const res = await fetch(location.pathname + ".data");
    return res.ok ? (await res.text()).match(/ws_[0-9a-f-]+:request:[0-9a-f-]+/)?.[0] : undefined;
  });
  expect(roomId).toMatch(/^ws_/);

  const outsider = await newPerson(browser, "Olga Outsider");
  const response = await outsider.page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(outsider.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(outsider.page.getByText("Create a Stripe PaymentIntent")).toHaveCount(0);

  const token = await outsider.page.request.post("/api/liveblocks-auth", { data: { room: roomId } });
  expect(token.status()).toBe(404);
  expect(await token.text()).not.toContain('token":');

  await ada.context.close();
  await outsider.context.close();
});
