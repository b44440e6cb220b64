import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { createParticipants, demoDocumentUrl, logIn } from "./lib/people";
import { summarize } from "./lib/stats";

/**
 * Cursor latency browser to browser through the real sync engine: PARTICIPANTS people in
 * one room (each a Chromium context), one moves their pointer MOVES times, and every other
 * participant records when that cursor's new position is rendered in their DOM.
 * Send and receive times come from the same machine clock (performance.timeOrigin + now).
 *
 * Runs a 2-person room first as the baseline, so the two figures can be compared as a
 * ratio measured in one run (the machine is shared and noisy).
 *
 *   npx tsx bench/presence-latency.ts [participants=10] [moves=100] [intervalMs=40]
 */
const PARTICIPANTS = Number(process.argv[2] ?? 10);
const MOVES = Number(process.argv[3] ?? 100);
const INTERVAL_MS = Number(process.argv[4] ?? 40);

async function measure(app: { baseUrl: string; env: NodeJS.ProcessEnv }, participants: number, roomTitle: string) {
  const people = await createParticipants(app.baseUrl, app.env.DATABASE_URL!, participants);
  const sessions = [];
  for (const person of people) sessions.push(await logIn(browser, app.baseUrl, person));
  const roomUrl = await demoDocumentUrl(sessions[0]!.page, roomTitle);
  await Promise.all(sessions.map(({ page }) => page.goto(roomUrl)));
  await Promise.all(sessions.map(({ page }) => page.getByTestId("presence-count").filter({ hasText: `${participants} here` }).waitFor({ timeout: 60_000 })));

  const sender = sessions[0]!;
  const receivers = sessions.slice(1);
  const senderName = people[0]!.name;
  // Each receiver notes when the sender's cursor shows a new x (x encodes the move's number).
  await Promise.all(
    receivers.map(({ page }) =>
      page.evaluate((name) => {
        const seen: Record<string, number> = {};
        (window as unknown as { __arrivals: Record<string, number> }).__arrivals = seen;
        new MutationObserver((records) => {
          const now = performance.timeOrigin + performance.now();
          for (const r of records) {
            const el = r.target as HTMLElement;
            if (el.dataset.name !== name) continue;
            const x = el.dataset.x;
            if (x && seen[x] === undefined) seen[x] = now;
          }
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-x"], childList: true });
      }, senderName),
    ),
  );

  const sent: Record<string, number> = await sender.page.evaluate(
    async ({ moves, interval }) => {
      const surface = document.querySelector(".cursor-surface")!;
      const box = surface.getBoundingClientRect();
      const times: Record<string, number> = {};
      for (let i = 0; i < moves; i++) {
        const x = 20 + i; // relative x == 20 + i, unique per move
        times[String(x)] = performance.timeOrigin + performance.now();
        surface.dispatchEvent(new PointerEvent("pointermove", { clientX: box.left + x, clientY: box.top + 100, bubbles: true }));
        await new Promise((r) => setTimeout(r, interval));
      }
      return times;
    },
    { moves: MOVES, interval: INTERVAL_MS },
  );
  await new Promise((r) => setTimeout(r, 2000)); // let the last updates land

  const latencies: number[] = [];
  let missing = 0;
  for (const { page } of receivers) {
    const arrivals: Record<string, number> = await page.evaluate(() => (window as unknown as { __arrivals: Record<string, number> }).__arrivals);
    for (const [x, at] of Object.entries(sent)) {
      if (arrivals[x] === undefined) missing++;
      else latencies.push(arrivals[x]! - at);
    }
  }
  const s = summarize(latencies);
  console.log(`\nCursor latency, browser to browser, ${participants} participants, ${MOVES} moves every ${INTERVAL_MS} ms:`);
  console.log(`  ${s.text}`);
  console.log(`  updates not rendered as their own frame (coalesced by throttling or React batching): ${missing} of ${MOVES * receivers.length}`);
  await Promise.all(sessions.map(({ context }) => context.close()));
  return s;
}

const services = await startServices();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_presence");
  // Rooms with the shell's cursor layer (canvases draw tldraw's own cursors instead).
  const baseline = await measure(app, 2, "Spend increases");
  const full = await measure(app, PARTICIPANTS, "New API requests");
  console.log(`\np99 with ${PARTICIPANTS} participants / p99 with 2: ${(full.p99 / baseline.p99).toFixed(2)}x; p50 ratio ${(full.p50 / baseline.p50).toFixed(2)}x`);
  await app.stop();
} finally {
  await browser.close();
  await services.stop();
}
