import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { root } from "../scripts/lib/processes";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { demoDocumentUrl, logIn } from "./lib/people";
import { summarize } from "./lib/stats";
import { DEMO_USERS } from "../prisma/demo/users";

/**
 * A room page's initial JavaScript (gzip, what a cold browser downloads) and its time to
 * interactive on loopback: from navigation start until the room is connected and its
 * body accepts input. RUNS cold loads of each room, each in a fresh context (empty cache).
 * By default one room of each kind but the canvas (bench/cost-canvas-page.ts measures it).
 *
 *   npx tsx bench/room-page.ts [runs=7] [document title…]
 */
const RUNS = Number(process.argv[2] ?? 7);
const TITLES =
  process.argv.length > 3
    ? process.argv.slice(3)
    : ["Create a Stripe PaymentIntent", "Summarise support tickets with Claude", "New API requests"];

const services = await startServices();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_room_page");
  const ada = DEMO_USERS[0];
  const first = await logIn(browser, app.baseUrl, ada);
  const cookies = await first.context.cookies();
  for (const title of TITLES) await measure(app.baseUrl, cookies, title, await demoDocumentUrl(first.page, title));
  await first.context.close();
  await app.stop();
} finally {
  await browser.close();
  await services.stop();
}

async function measure(
  baseUrl: string,
  cookies: Parameters<import("playwright-core").BrowserContext["addCookies"]>[0],
  title: string,
  url: string,
) {
  const tti: number[] = [];
  const domContentLoaded: number[] = [];
  let scripts: { url: string; raw: number; gzip: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: baseUrl });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") seen.push(new URL(response.url()).pathname);
    });
    await page.goto(url);
    await page.getByTestId("connection-status").and(page.locator('[data-status="connected"]')).waitFor();
    await page
      .locator('textarea:not([readonly]):not([disabled]), [data-testid="request-url"]:not([readonly])')
      .first()
      .waitFor();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { interactive: performance.now(), dcl: nav.domContentLoadedEventEnd };
    });
    tti.push(timing.interactive);
    domContentLoaded.push(timing.dcl);
    if (run === 0) {
      scripts = seen.map((p) => {
        const file = fs.readFileSync(path.join(root, "build/client", p));
        return { url: p, raw: file.length, gzip: zlib.gzipSync(file, { level: 6 }).length };
      });
    }
    await context.close();
  }

  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const totalRaw = scripts.reduce((a, s) => a + s.raw, 0);
  const totalGzip = scripts.reduce((a, s) => a + s.gzip, 0);
  console.log(`\nRoom page "${title}": ${scripts.length} scripts, ${kib(totalRaw)} raw, ${kib(totalGzip)} gzip`);
  for (const s of scripts.sort((a, b) => b.gzip - a.gzip).slice(0, 6))
    console.log(`  ${kib(s.gzip).padStart(10)} gzip  ${s.url}`);
  console.log(`DOMContentLoaded: ${summarize(domContentLoaded).text}`);
  console.log(`Interactive (connected, editable): ${summarize(tti).text}`);
}
