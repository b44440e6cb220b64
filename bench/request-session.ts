import { createClient } from "@liveblocks/client";
import { getYjsProviderForRoom } from "@liveblocks/yjs";
import pg from "pg";
import { chromium } from "playwright-core";
import WebSocket from "ws";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { startHttpTarget } from "../tests/support/http-target";
import { createParticipants, logIn } from "./lib/people";
import { summarize } from "./lib/stats";

/**
 * Collaborative API testing, measured on the real stack (PostgreSQL, the Liveblocks dev
 * server, the built app, Chromium):
 *   1. URL edit latency, browser to browser, with PARTICIPANTS people in one request room
 *      (from the sender's input event to the receivers' DOM commit of the new value);
 *   2. what the send path adds over a direct request to the same local target;
 *   3. recording size per minute of an active five-person session (five clients typing,
 *      chatting and sending for ACTIVE_SECONDS, recorded by the server);
 *   4. seek time anywhere in a 60-minute recording made at that activity rate.
 *
 *   npx tsx bench/request-session.ts [participants=10] [edits=100] [activeSeconds=60]
 */
const PARTICIPANTS = Number(process.argv[2] ?? 10);
const EDITS = Number(process.argv[3] ?? 100);
const ACTIVE_SECONDS = Number(process.argv[4] ?? 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const services = await startServices();
const target = await startHttpTarget();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_request_session", {
    REQUEST_ALLOWED_HOSTS: `127.0.0.1:${target.port}`,
    RECORDING_IDLE_SECONDS: "600",
  });
  const db = new pg.Client({ connectionString: app.env.DATABASE_URL });
  await db.connect();
  const people = await createParticipants(app.baseUrl, app.env.DATABASE_URL!, PARTICIPANTS);
  const documentUrl = await createRequestDocument(app.baseUrl, people[0]!);

  // ── 1. URL edit latency ──────────────────────────────────────────────────────
  const sessions = [];
  for (const person of people) sessions.push(await logIn(browser, app.baseUrl, person));
  await Promise.all(sessions.map(({ page }) => page.goto(documentUrl)));
  await Promise.all(
    sessions.map(({ page }) =>
      page
        .getByTestId("presence-count")
        .filter({ hasText: `${PARTICIPANTS} here` })
        .waitFor({ timeout: 60_000 }),
    ),
  );
  const [sender, ...receivers] = sessions;
  await Promise.all(
    receivers.map(({ page }) =>
      page.evaluate(() => {
        // React tracks a controlled input's value with a property on the element itself and
        // writes new values through it: wrap that property to note when a value lands.
        const arrivals: Record<string, number> = {};
        (window as unknown as { __arrivals: typeof arrivals }).__arrivals = arrivals;
        const input = document.querySelector<HTMLInputElement>('[data-testid="request-url"]')!;
        const own =
          Object.getOwnPropertyDescriptor(input, "value") ??
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!;
        Object.defineProperty(input, "value", {
          configurable: true,
          get() {
            return own.get!.call(this);
          },
          set(value: string) {
            own.set!.call(this, value);
            const match = /edit-(\d+)$/.exec(value);
            if (match && arrivals[match[1]!] === undefined)
              arrivals[match[1]!] = performance.timeOrigin + performance.now();
          },
        });
      }),
    ),
  );
  const sent: Record<string, number> = await sender!.page.evaluate(async (edits) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="request-url"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    const times: Record<string, number> = {};
    for (let i = 0; i < edits; i++) {
      times[String(i)] = performance.timeOrigin + performance.now();
      setter.call(input, `https://api.example.com/v1/edit-${i}`);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50)); // typing speed: 20 keystrokes a second
    }
    return times;
  }, EDITS);
  await sleep(2000);
  const latencies: number[] = [];
  let coalesced = 0;
  for (const { page } of receivers) {
    const arrivals: Record<string, number> = await page.evaluate(
      () => (window as unknown as { __arrivals: Record<string, number> }).__arrivals,
    );
    for (const [i, at] of Object.entries(sent)) {
      if (arrivals[i] === undefined) coalesced++;
      else latencies.push(arrivals[i]! - at);
    }
  }
  const edit = summarize(latencies);
  console.log(
    `\n1. URL edit latency, browser to browser, ${PARTICIPANTS} participants, ${EDITS} edits at 20/s:\n   ${edit.text}`,
  );
  console.log(
    `   edits rendered together with a later one (throttled or batched): ${coalesced} of ${EDITS * receivers.length}`,
  );
  for (const { context } of sessions) await context.close();

  // ── 2. What the send path adds ───────────────────────────────────────────────
  const cookie = await sessionCookie(app.baseUrl, people[0]!);
  const origin = new URL(app.baseUrl).origin;
  const draft = {
    method: "GET",
    url: `${target.baseUrl}/json`,
    query: [],
    headers: [],
    auth: { type: "none", token: "", username: "", password: "", keyName: "", keyValue: "", keyIn: "header" },
    bodyType: "",
    body: "",
  };
  const direct: number[] = [];
  const viaRoom: number[] = [];
  for (let i = 0; i < 220; i++) {
    let t = performance.now();
    await (await fetch(`${target.baseUrl}/json`)).text();
    if (i >= 20) direct.push(performance.now() - t);
    t = performance.now();
    const res = await fetch(`${documentUrl}/send`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json" },
      body: JSON.stringify({ draft, environment: null }),
    });
    if (!res.ok) throw new Error(`send failed: ${res.status} ${await res.text()}`);
    await res.text();
    if (i >= 20) viaRoom.push(performance.now() - t);
    if (i % 50 === 49) await db.query(`DELETE FROM "RateLimitBucket"`); // stay under the 60/min limit
  }
  const d = summarize(direct);
  const v = summarize(viaRoom);
  console.log(`\n2. Send path (200 sends, interleaved with direct requests to the same local target):`);
  console.log(`   direct:        ${d.text}`);
  console.log(`   through room:  ${v.text}`);
  console.log(
    `   added: p50 ${(v.p50 - d.p50).toFixed(1)} ms, p99 ${(v.p99 - d.p99).toFixed(1)} ms (response written to the room and PostgreSQL before it answers)`,
  );

  // ── 3. Recording size of an active five-person session ──────────────────────
  const active = await createRequestDocument(app.baseUrl, people[0]!);
  const roomId = (
    await db.query<{ roomId: string }>(`SELECT "roomId" FROM "Document" WHERE id = $1`, [active.split("/").at(-1)])
  ).rows[0]!.roomId;
  const five = await Promise.all(
    people.slice(0, 5).map(async (person) => ({ person, cookie: await sessionCookie(app.baseUrl, person) })),
  );
  const clients = await Promise.all(
    five.map(({ cookie }) => joinRoom(app.baseUrl, services.env.LIVEBLOCKS_BASE_URL!, cookie, roomId)),
  );
  await sleep(3000); // the recorder joins
  const deadline = Date.now() + ACTIVE_SECONDS * 1000;
  let typed = 0;
  let chats = 0;
  let sends = 0;
  await Promise.all(
    clients.map(async (client, n) => {
      for (let tick = 0; Date.now() < deadline; tick++) {
        // Each person types ~4 characters a second into the body or the URL, chats every
        // ~15 s and sends every ~20 s.
        if (n % 2 === 0)
          client.text.insert(Math.floor(Math.random() * (client.text.length + 1)), "abcdefghij"[tick % 10]!);
        else client.setUrl(`${target.baseUrl}/echo?q=${tick}`);
        typed++;
        if (tick % 60 === 15 + n * 3) {
          await post(active + "/chat", five[n]!.cookie, { text: `message ${tick} from ${n}` });
          chats++;
        }
        if (tick % 80 === 40 + n * 5) {
          await post(active + "/send", five[n]!.cookie, {
            draft: { ...draft, url: `${target.baseUrl}/echo?n=${n}` },
            environment: null,
          });
          sends++;
        }
        await sleep(250);
      }
    }),
  );
  await sleep(2500); // the last flush
  const recording = (
    await db.query<{ id: string; byteSize: number; eventCount: number; durationMs: number }>(
      `SELECT id, "byteSize", "eventCount", "durationMs" FROM "Recording" WHERE "documentId" = $1`,
      [active.split("/").at(-1)],
    )
  ).rows[0]!;
  const minutes = recording.durationMs / 60_000;
  const perMinute = recording.byteSize / minutes;
  console.log(
    `\n3. Recording of an active five-person session (${ACTIVE_SECONDS} s: ${typed} keystrokes, ${chats} chat messages, ${sends} sends):`,
  );
  console.log(
    `   ${recording.eventCount} events, ${(recording.byteSize / 1024).toFixed(1)} KiB in ${minutes.toFixed(2)} min → ${(perMinute / 1024).toFixed(1)} KiB per minute (${(recording.byteSize / recording.eventCount).toFixed(1)} bytes per event)`,
  );
  for (const c of clients) c.leave();

  // ── 4. Seek anywhere in a 60-minute recording ───────────────────────────────
  process.env.DATABASE_URL = app.env.DATABASE_URL;
  Object.assign(process.env, {
    SESSION_SECRET: services.env.SESSION_SECRET,
    API_KEY_ENCRYPTION_KEY: services.env.API_KEY_ENCRYPTION_KEY,
  });
  const { synthesizeRecording } = await import("./lib/synthetic-recording");
  const { seek } = await import("../app/requests/recordings.server");
  const long = await synthesizeRecording(active.split("/").at(-1)!, {
    minutes: 60,
    eventsPerMinute: recording.eventCount / minutes,
  });
  const seeks: number[] = [];
  for (let i = 0; i < 300; i++) {
    const at = Math.floor(Math.random() * long.durationMs);
    const t = performance.now();
    const state = await seek(long.id, at);
    seeks.push(performance.now() - t);
    if (!state) throw new Error("seek found nothing");
  }
  const httpSeeks: number[] = [];
  const segmentsUrl = `${active}/recordings/${long.id}/segments`;
  const starts = (
    await db.query<{ startMs: number }>(`SELECT "startMs" FROM "RecordingSegment" WHERE "recordingId" = $1`, [long.id])
  ).rows.map((r) => r.startMs);
  const { stateAt } = await import("../app/requests/replay-state");
  for (let i = 0; i < 100; i++) {
    const start = starts[Math.floor(Math.random() * starts.length)]!;
    const t = performance.now();
    const segment = await (await fetch(`${segmentsUrl}/${start}`, { headers: { cookie: five[0]!.cookie } })).json();
    stateAt(segment.keyframe, segment.deltas, start + 29_000);
    httpSeeks.push(performance.now() - t);
  }
  console.log(
    `\n4. Seek in a 60-minute recording (${long.eventCount} events, ${(long.byteSize / 1024 / 1024).toFixed(2)} MiB, ${starts.length} segments):`,
  );
  console.log(`   server (read segment, gunzip, apply):   ${summarize(seeks).text}`);
  console.log(`   browser (HTTP segment, parse, apply):   ${summarize(httpSeeks).text}`);

  await db.end();
  await app.stop();
} finally {
  await browser.close();
  await target.close();
  await services.stop();
}

async function sessionCookie(baseUrl: string, person: { email: string; password: string }) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: person.email, password: person.password }),
    redirect: "manual",
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function createRequestDocument(baseUrl: string, person: { email: string; password: string }) {
  const cookie = await sessionCookie(baseUrl, person);
  const page = await (await fetch(`${baseUrl}/workspaces`, { headers: { cookie } })).text();
  const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page)![1];
  const res = await fetch(`${baseUrl}/w/${workspaceId}?index`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ kind: "REQUEST", title: `Bench ${Date.now()}` }),
    redirect: "manual",
  });
  return new URL(res.headers.get("location")!, baseUrl).href;
}

async function post(url: string, cookie: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  await res.text();
}

/** A participant without a browser: the same client library, token from the app's auth endpoint. */
async function joinRoom(baseUrl: string, liveblocksUrl: string, cookie: string, roomId: string) {
  const client = createClient({
    baseUrl: liveblocksUrl,
    polyfills: { WebSocket: WebSocket as never, fetch },
    throttle: 16,
    authEndpoint: async (room) => {
      const res = await fetch(`${baseUrl}/api/liveblocks-auth`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ room }),
      });
      return (await res.json()) as { token: string };
    },
  });
  const { room, leave } = client.enterRoom(roomId, { initialPresence: { cursor: null, editing: null } });
  const { root } = await room.getStorage();
  const provider = getYjsProviderForRoom(room);
  while (!provider.synced) await sleep(50);
  const text = provider.getYDoc().getText("body");
  return { text, setUrl: (url: string) => root.get("request")?.set("url", url), leave };
}
