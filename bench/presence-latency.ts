import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { logInCookie, roomClient } from "./lib/ai-rooms";
import { createParticipants, demoDocumentUrl, logIn } from "./lib/people";
import { summarize } from "./lib/stats";

/**
 * Cursor latency browser to browser through the real sync engine: PARTICIPANTS people in
 * one room (each a Chromium context), one moves their pointer MOVES times, and every other
 * participant records when that cursor's new position is rendered in their DOM.
 * Send and receive times come from the same machine clock (performance.timeOrigin + now).
 *
 * Three rooms, measured in one run so their figures compare as ratios (the machine is
 * shared and noisy):
 *   1. 2 people, both in Chromium: the baseline.
 *   2. PARTICIPANTS people, all in Chromium: on a 2-core machine this mostly measures ten
 *      renderer processes queueing for two cores.
 *   3. PARTICIPANTS people in the room, two of them in Chromium (the sender and the one
 *      receiver measured) and the rest Node clients (@liveblocks/client, the browser's own
 *      client, signed in through the app's auth endpoint) that move their cursors every
 *      INTERVAL_MS too: the engine and the receiving browser carry a full room's traffic,
 *      without eight more renderers on the same cores. The sender moves MOVES_TWO_BROWSERS
 *      times, for at least 500 samples from one receiver.
 *
 *   npx tsx bench/presence-latency.ts [participants=10] [moves=100] [intervalMs=40] [movesTwoBrowsers=600]
 */
const PARTICIPANTS = Number(process.argv[2] ?? 10);
const MOVES = Number(process.argv[3] ?? 100);
const INTERVAL_MS = Number(process.argv[4] ?? 40);
const MOVES_TWO_BROWSERS = Number(process.argv[5] ?? 600);

type Room = { participants: number; browsers: number; moves: number; title: string };

type Person = Awaited<ReturnType<typeof createParticipants>>[number];

async function measure(
  app: { baseUrl: string; env: NodeJS.ProcessEnv },
  everyone: Person[],
  { participants, browsers, moves, title }: Room,
) {
  const people = everyone.slice(0, participants);
  const sessions = [];
  for (const person of people.slice(0, browsers)) sessions.push(await logIn(browser, app.baseUrl, person));
  const roomUrl = await demoDocumentUrl(sessions[0]!.page, title);
  await Promise.all(sessions.map(({ page }) => page.goto(roomUrl)));
  const others = await joinFromNode(app, people.slice(browsers), roomIdOf(await sessions[0]!.page.content()));
  await Promise.all(
    sessions.map(({ page }) =>
      page
        .getByTestId("presence-count")
        .filter({ hasText: `${participants} here` })
        .waitFor({ timeout: 60_000 }),
    ),
  );

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

  const stopMoving = others.startMoving();
  const sent: Record<string, number> = await sender.page.evaluate(
    async ({ moves, interval }) => {
      const surface = document.querySelector(".cursor-surface")!;
      const box = surface.getBoundingClientRect();
      const times: Record<string, number> = {};
      for (let i = 0; i < moves; i++) {
        const x = 20 + i; // relative x == 20 + i, unique per move
        times[String(x)] = performance.timeOrigin + performance.now();
        surface.dispatchEvent(
          new PointerEvent("pointermove", { clientX: box.left + x, clientY: box.top + 100, bubbles: true }),
        );
        await new Promise((r) => setTimeout(r, interval));
      }
      return times;
    },
    { moves, interval: INTERVAL_MS },
  );
  stopMoving();
  await new Promise((r) => setTimeout(r, 2000)); // let the last updates land

  const latencies: number[] = [];
  let missing = 0;
  for (const { page } of receivers) {
    const arrivals: Record<string, number> = await page.evaluate(
      () => (window as unknown as { __arrivals: Record<string, number> }).__arrivals,
    );
    for (const [x, at] of Object.entries(sent)) {
      if (arrivals[x] === undefined) missing++;
      else latencies.push(arrivals[x]! - at);
    }
  }
  const s = summarize(latencies);
  console.log(
    `\nCursor latency, browser to browser, ${participants} participants (${browsers} in Chromium), ${moves} moves every ${INTERVAL_MS} ms:`,
  );
  console.log(`  ${s.text}`);
  console.log(
    `  updates not rendered as their own frame (coalesced by throttling or React batching): ${missing} of ${moves * receivers.length}`,
  );
  await Promise.all(sessions.map(({ context }) => context.close()));
  others.leave();
  return s;
}

const roomIdOf = (html: string) => html.match(/ws_[0-9a-f-]+:approvals:[0-9a-f-]+/)?.[0] ?? "";

/** Participants in Node: signed in through the app, in the room, moving their cursors on demand. */
async function joinFromNode(
  app: { baseUrl: string; env: NodeJS.ProcessEnv },
  people: { email: string; password: string }[],
  roomId: string,
) {
  if (people.length && !roomId) throw new Error("could not find the room id in the page");
  const rooms = await Promise.all(
    people.map(async (person) => {
      const client = roomClient(
        app.baseUrl,
        await logInCookie(app.baseUrl, person.email, person.password),
        services.env.LIVEBLOCKS_BASE_URL!,
      );
      const { room, leave } = client.enterRoom(roomId, { initialPresence: { cursor: null, editing: null } } as never);
      await room.waitUntilPresenceReady();
      return { room, leave };
    }),
  );
  return {
    startMoving() {
      let step = 0;
      const timer = setInterval(() => {
        step++;
        rooms.forEach(({ room }, i) =>
          room.updatePresence({ cursor: { x: 400 + ((step * 7 + i * 40) % 300), y: 200 + i * 30 } } as never),
        );
      }, INTERVAL_MS);
      return () => clearInterval(timer);
    },
    leave: () => rooms.forEach(({ leave }) => leave()),
  };
}

const services = await startServices();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_presence");
  // Rooms with the shell's cursor layer (canvases draw tldraw's own cursors instead).
  // The same accounts in every room: sign-ups from one address are rate-limited.
  const people = await createParticipants(app.baseUrl, app.env.DATABASE_URL!, PARTICIPANTS);
  const baseline = await measure(app, people, { participants: 2, browsers: 2, moves: MOVES, title: "Spend increases" });
  const full = await measure(app, people, {
    participants: PARTICIPANTS,
    browsers: PARTICIPANTS,
    moves: MOVES,
    title: "New API requests",
  });
  const mixed = await measure(app, people, {
    participants: PARTICIPANTS,
    browsers: 2,
    moves: MOVES_TWO_BROWSERS,
    title: "Spend increases",
  });
  const ratio = (a: typeof baseline, b: typeof baseline) =>
    `p50 ${(a.p50 / b.p50).toFixed(2)}x, p99 ${(a.p99 / b.p99).toFixed(2)}x`;
  console.log(`\n${PARTICIPANTS} in Chromium / 2 in Chromium: ${ratio(full, baseline)}`);
  console.log(`${PARTICIPANTS} in the room, 2 in Chromium / 2 in Chromium: ${ratio(mixed, baseline)}`);
  await app.stop();
} finally {
  await browser.close();
  await services.stop();
}
