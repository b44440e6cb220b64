import Anthropic from "@anthropic-ai/sdk";
import pg from "pg";
import { startFakeAnthropic } from "../tests/support/fake-anthropic";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { ask, createAiDocument, logInCookie, roomClient, sampleRss, watchMessages } from "./lib/ai-rooms";
import { summarize } from "./lib/stats";

/**
 * The AI playground's streaming overhead, against the same fake Messages API (a fixed
 * delay before the first token, then a token every CHUNK_MS):
 *  1. time to first token calling the fake directly with the SDK, vs. through our server
 *     (POST /ask until the first text shows in a room client), alone and with CONCURRENT
 *     streams at once; the difference is what our server adds. Server memory at that load.
 *  2. delay from a write leaving our server (the message's updatedAt, stamped when the
 *     batch is sent) to its arrival in each of PARTICIPANTS room clients.
 *
 *   npx tsx bench/ai-stream.ts [samples=30] [concurrent=100] [participants=10] [upstreamDelayMs=300]
 */
const SAMPLES = Number(process.argv[2] ?? 30);
const CONCURRENT = Number(process.argv[3] ?? 100);
const PARTICIPANTS = Number(process.argv[4] ?? 10);
const UPSTREAM_DELAY_MS = Number(process.argv[5] ?? 300);
const CHUNK_MS = 20;
const KEY = "sk-ant-bench";

const services = await startServices();
let stopApp = async () => {};
const fake = await startFakeAnthropic({
  apiKey: KEY,
  defaultFirstTokenDelayMs: UPSTREAM_DELAY_MS,
  defaultChunkDelayMs: CHUNK_MS,
});
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_ai", { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.baseUrl });
  stopApp = app.stop;
  const db = new pg.Client({ connectionString: app.env.DATABASE_URL });
  await db.connect();
  // Enterprise: unlimited generations, so the quota never refuses the benchmark.
  await db.query(`UPDATE "Organization" SET tier = 'ENTERPRISE'`);
  const { rows } = await db.query(`SELECT id FROM "Workspace" WHERE name = 'Acme Platform'`);
  const workspaceId = rows[0].id as string;
  // One person per concurrent stream, as in real use (each has their own quota row): members
  // of the demo workspace with Ada's password (its hash copied, to skip 100 sign-ups).
  const emails = Array.from({ length: CONCURRENT }, (_, i) => `bench-ai-${i}@bench.example`);
  await db.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), e, 'Bench ' || e, (SELECT "passwordHash" FROM "User" WHERE email = 'ada@demo.apimarketplace.dev'), now() FROM unnest($1::text[]) e`,
    [emails],
  );
  await db.query(
    `INSERT INTO "WorkspaceMembership" (id, "workspaceId", "userId", role) SELECT gen_random_uuid(), $1, id, 'MEMBER' FROM "User" WHERE email = ANY($2)`,
    [workspaceId, emails],
  );
  const cookie = await logInCookie(app.baseUrl, "ada@demo.apimarketplace.dev", "ada-demo-password");
  const cookies: string[] = [];
  for (const email of emails) {
    // All logins come from 127.0.0.1: clear the per-address log-in limit as we go.
    await db.query(`DELETE FROM "RateLimitBucket"`);
    cookies.push(await logInCookie(app.baseUrl, email, "ada-demo-password"));
  }
  await db.end();
  const liveblocksUrl = services.env.LIVEBLOCKS_BASE_URL!;
  const sdk = new Anthropic({ apiKey: KEY, baseURL: fake.baseUrl, maxRetries: 0 });

  async function direct(): Promise<number> {
    const started = performance.now();
    const stream = await sdk.messages.create({
      model: "claude-sonnet-4-20250514",
      max_tokens: 4096,
      messages: [{ role: "user", content: "bench" }],
      stream: true,
    });
    let first = 0;
    for await (const event of stream)
      if (!first && event.type === "content_block_delta") first = performance.now() - started;
    return first;
  }

  async function viaServer(
    room: Awaited<ReturnType<typeof createAiDocument>>,
    client: ReturnType<typeof roomClient>,
    asker = cookie,
  ): Promise<number> {
    let resolveFirst: (ms: number) => void = () => {};
    const firstText = new Promise<number>((r) => (resolveFirst = r));
    const asked: { messageId?: string } = {};
    let started = 0;
    const leave = await watchMessages(client, room.roomId, (messages, at) => {
      const m = messages.find((x) => x.id === asked.messageId);
      if (m && (m.chunks.length > 0 || m.content)) resolveFirst(at - started);
    });
    started = performance.timeOrigin + performance.now();
    const res = await ask(room.askUrl, asker, "bench", app.baseUrl);
    if (res.status !== 202) throw new Error(`ask failed ${res.status}: ${await res.text()}`);
    asked.messageId = (await res.json()).messageId;
    const ms = await firstText;
    // let it finish before the next sample
    await new Promise((r) => setTimeout(r, 61 * CHUNK_MS + 300));
    leave();
    return ms;
  }

  // 1a. alone
  const rooms = [];
  for (let i = 0; i < Math.max(CONCURRENT, 1); i++)
    rooms.push(await createAiDocument(app.baseUrl, cookie, workspaceId, `bench ${i}`));
  const clients = rooms.map(() => roomClient(app.baseUrl, cookie, liveblocksUrl));
  await direct(); // warm-up
  await viaServer(rooms[0]!, clients[0]!);
  const directAlone: number[] = [];
  const serverAlone: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    directAlone.push(await direct());
    serverAlone.push(await viaServer(rooms[i % rooms.length]!, clients[i % rooms.length]!));
  }

  // 1b. CONCURRENT at once (direct, then through the server), with the server's memory.
  const directLoaded = await Promise.all(Array.from({ length: CONCURRENT }, () => direct()));
  const rss = sampleRss(app.pid!);
  const idleRss = await rss.read();
  const serverLoaded = await Promise.all(
    rooms.slice(0, CONCURRENT).map((room, i) => viaServer(room, clients[i]!, cookies[i])),
  );
  const peakRss = rss.stop();
  for (const client of clients) client.logout();

  // 2. write -> PARTICIPANTS room clients
  const watchers = Array.from({ length: PARTICIPANTS }, () => roomClient(app.baseUrl, cookie, liveblocksUrl));
  const room = rooms[0]!;
  const delays: number[] = [];
  const seen = watchers.map(() => new Set<number>());
  const leaves = await Promise.all(
    watchers.map((client, w) =>
      watchMessages(client, room.roomId, (messages, at) => {
        const m = messages.at(-1);
        if (!m || m.role !== "assistant" || seen[w]!.has(m.updatedAt)) return;
        seen[w]!.add(m.updatedAt);
        if (m.status === "streaming" && m.chunks.length > 0) delays.push(at - m.updatedAt);
      }),
    ),
  );
  for (let i = 0; i < 5; i++) {
    const res = await ask(room.askUrl, cookie, "bench", app.baseUrl);
    if (res.status !== 202) throw new Error(`ask failed ${res.status}`);
    await new Promise((r) => setTimeout(r, UPSTREAM_DELAY_MS + 61 * CHUNK_MS + 500));
  }
  for (const leave of leaves) leave();

  const added = (server: number[], base: number[]) => {
    const b = summarize(base);
    return summarize(server.map((s) => s - b.p50));
  };
  console.log(`\nFirst token (upstream waits ${UPSTREAM_DELAY_MS} ms, then a token every ${CHUNK_MS} ms):`);
  console.log(`  direct SDK, alone:                 ${summarize(directAlone).text}`);
  console.log(`  through our server, alone:         ${summarize(serverAlone).text}`);
  console.log(`  added by our server, alone:        ${added(serverAlone, directAlone).text}`);
  console.log(`  direct SDK, ${CONCURRENT} at once:          ${summarize(directLoaded).text}`);
  console.log(`  through our server, ${CONCURRENT} at once:  ${summarize(serverLoaded).text}`);
  console.log(`  added by our server, ${CONCURRENT} at once: ${added(serverLoaded, directLoaded).text}`);
  console.log(
    `  app server memory: ${Math.round(idleRss / 1024)} MB before, ${Math.round(peakRss / 1024)} MB peak with ${CONCURRENT} streams (fake upstream peak concurrency ${fake.peakConcurrentStreams()})`,
  );
  console.log(
    `\nWrite leaving our server -> arrival in ${PARTICIPANTS} participants' room clients (${delays.length} arrivals):`,
  );
  console.log(`  ${summarize(delays).text}`);
} finally {
  await stopApp();
  await fake.close();
  await services.stop();
}
process.exit(0);
