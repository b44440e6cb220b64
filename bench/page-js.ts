import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { root } from "../scripts/lib/processes";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { DEMO_USERS } from "../prisma/demo/users";
import { logIn } from "./lib/people";

/**
 * The JavaScript a cold browser downloads for a page (gzip, as served), chunk by chunk, and
 * which of the heavy libraries (Liveblocks, CodeMirror, zod) it contains. One cold load per
 * page, in a fresh context: sizes do not vary between loads. Pages: the replay of a session
 * recording (read-only) and an organisation's ingestion-tokens page; a room page of each kind
 * for comparison.
 *
 *   npx tsx bench/page-js.ts [--no-build]
 */
const LIBRARIES: [name: string, signature: string][] = [
  ["Liveblocks", "@liveblocks/core"],
  ["CodeMirror", "cm-content"],
  ["zod", "ZodError"],
];

const services = await startServices();
const browser = await chromium
  .launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  .catch(async (error: unknown) => {
    await services.stop();
    throw error;
  });
try {
  if (!process.argv.includes("--no-build")) await buildApp();
  const app = await startSeededApp(services, "bench_page_js");
  try {
    await measurePages(app);
  } finally {
    await app.stop();
  }
} finally {
  await browser.close();
  await services.stop();
}

async function measurePages(app: Awaited<ReturnType<typeof startSeededApp>>) {
  const db = new pg.Client({ connectionString: app.env.DATABASE_URL });
  await db.connect();
  const [stripe] = (
    await db.query<{ id: string; workspaceId: string; organizationId: string }>(
      `SELECT d.id, d."workspaceId", w."organizationId" FROM "Document" d JOIN "Workspace" w ON w.id = d."workspaceId"
       WHERE d.title = 'Create a Stripe PaymentIntent'`,
    )
  ).rows;
  // A short recording of that request room, in the recorder's own format.
  Object.assign(process.env, app.env);
  const { synthesizeRecording } = await import("./lib/synthetic-recording");
  const recording = await synthesizeRecording(stripe!.id, { minutes: 2, eventsPerMinute: 60 });
  const rooms = await db.query<{ id: string; title: string }>(
    `SELECT id, title FROM "Document" WHERE title = ANY($1) ORDER BY kind`,
    [["Create a Stripe PaymentIntent", "Summarise support tickets with Claude", "New API requests"]],
  );
  await db.end();

  const ada = DEMO_USERS[0];
  const { context } = await logIn(browser, app.baseUrl, ada);
  const cookies = await context.cookies();
  await context.close();
  const base = `/w/${stripe!.workspaceId}/d`;
  const pages: [string, string, (page: Page) => Promise<void>][] = [
    [
      "session replay",
      `${base}/${stripe!.id}/replay/${recording.id}`,
      (page) => page.getByTestId("replay-url").waitFor(),
    ],
    [
      "ingestion tokens",
      `/orgs/${stripe!.organizationId}/ingestion-tokens`,
      (page) => page.getByRole("button", { name: "Create token" }).waitFor(),
    ],
    ...rooms.rows.map(
      (room) =>
        [
          `room: ${room.title}`,
          `${base}/${room.id}`,
          (page: Page) =>
            page.getByTestId("connection-status").and(page.locator('[data-status="connected"]')).waitFor(),
        ] as [string, string, (page: Page) => Promise<void>],
    ),
  ];
  for (const [name, url, ready] of pages) {
    const fresh = await browser.newContext({ baseURL: app.baseUrl });
    await fresh.addCookies(cookies);
    const page = await fresh.newPage();
    const seen: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") seen.push(new URL(response.url()).pathname);
    });
    await page.goto(url);
    await ready(page);
    await page.waitForLoadState("networkidle");
    report(name, seen);
    await fresh.close();
  }
}

function report(name: string, scripts: string[]) {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const files = [...new Set(scripts)].map((url) => {
    const file = fs.readFileSync(path.join(root, "build/client", url));
    const text = file.toString("utf8");
    return {
      url,
      gzip: zlib.gzipSync(file, { level: 6 }).length,
      libraries: LIBRARIES.filter(([, signature]) => text.includes(signature)).map(([library]) => library),
    };
  });
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const libraries = [...new Set(files.flatMap((f) => f.libraries))];
  console.log(
    `\n${name}: ${files.length} scripts, ${kib(total)} gzip; contains ${libraries.join(", ") || "none of Liveblocks, CodeMirror, zod"}`,
  );
  for (const f of files.sort((a, b) => b.gzip - a.gzip).slice(0, 6))
    console.log(`  ${kib(f.gzip).padStart(10)}  ${f.url}${f.libraries.length ? `  (${f.libraries.join(", ")})` : ""}`);
}
