import type { LiveObject, LsonObject } from "@liveblocks/client";
import { expect, type Page } from "@playwright/test";
import { openRoomWithToken } from "../../support/room-writer";

type Kind = "REQUEST" | "AI" | "CANVAS" | "APPROVALS";

/**
 * A new document of the demo workspace, made through the page like a person would, so
 * tests never share a room (or edit the demo's). Returns its URL once its room is connected.
 */
export async function createDocument(page: Page, kind: Kind, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByLabel("New").selectOption(kind);
  await page.getByLabel("Title").fill(`${title} ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/d\/[0-9a-f-]+$/);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  return page.url();
}

/** The room id of the document open in `page` (not a secret: tokens are what is guarded). */
export async function roomIdOf(page: Page): Promise<string> {
  const roomId = await page.evaluate(
    async () => (await (await fetch(location.pathname + ".data")).text()).match(/ws_[0-9a-f-]+:[a-z]+:[0-9a-f-]+/)?.[0],
  );
  if (!roomId) throw new Error(`no room id on ${page.url()}`);
  return roomId;
}

/**
 * Writes into a room's storage as the person logged in to `page`, with the real Liveblocks
 * client and a token from the app's own auth endpoint: what anyone holding a write token can
 * do, whatever the page would let them.
 */
export async function writeWithToken(page: Page, roomId: string, write: (root: LiveObject<LsonObject>) => void) {
  const room = await openRoomWithToken(roomId, async (id) => {
    const response = await page.request.post("/api/liveblocks-auth", { data: { room: id } });
    if (!response.ok()) throw new Error(`no token: ${response.status()} ${await response.text()}`);
    return response.json();
  });
  try {
    await room.write(write);
  } finally {
    room.leave();
  }
}
