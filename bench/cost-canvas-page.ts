import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { root } from "../scripts/lib/processes";
import { buildApp, startSeededApp, startServices } from "../scripts/lib/test-stack";
import { DEMO_USERS } from "../prisma/demo/users";
import { demoDocumentUrl, logIn } from "./lib/people";
import { summarize } from "./lib/stats";

/**
 * The cost canvas page on loopback: time from navigation to an interactive canvas (room
 * connected, tldraw mounted, the demo canvas's five cost shapes drawn with their numbers),
 * and the JavaScript it downloads (gzip) next to a room page without a canvas, to show the
 * canvas chunk is loaded lazily and only there. RUNS cold loads each, fresh contexts.
 *
 *   npx tsx bench/cost-canvas-page.ts [runs=7]
 */
const RUNS = Number(process.argv[2] ?? 7);

type Load = { interactive: number; scripts: string[]; phases: Record<string, number> };

async function coldLoad(
  browser: Browser,
  baseUrl: string,
  cookies: Awaited<ReturnType<import("playwright-core").BrowserContext["cookies"]>>,
  url: string,
  canvas: boolean,
): Promise<Load> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  await context.addCookies(cookies);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(new URL(response.url()).pathname);
  });
  const phases: Record<string, number> = {};
  const now = () => page.evaluate(() => performance.now());
  await page.goto(url);
  await page.getByTestId("connection-status").and(page.locator('[data-status="connected"]')).waitFor();
  phases.connected = await now();
  if (canvas) {
    await page.locator('[data-testid="canvas-stage"][data-ready="true"]').waitFor({ timeout: 60_000 });
    phases["tldraw mounted"] = await now();
    await page.getByTestId("month-to-date").nth(2).waitFor({ timeout: 60_000 });
    await page.locator(".chart-legend li").first().waitFor({ timeout: 60_000 });
    phases["numbers drawn"] = await now();
    phases["canvas chunk downloaded"] = await page.evaluate(
      () =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) =>
          e.name.includes("CostCanvas"),
        )?.responseEnd ?? Number.NaN,
    );
  } else {
    await page.locator("textarea:not([readonly])").first().waitFor();
  }
  const interactive = await page.evaluate(() => performance.now());
  await context.close();
  return { interactive, scripts, phases };
}

function sizes(scripts: string[]) {
  const files = [...new Set(scripts)].map((p) => {
    const file = fs.readFileSync(path.join(root, "build/client", p));
    return { url: p, raw: file.length, gzip: zlib.gzipSync(file, { level: 6 }).length };
  });
  return { files, raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const services = await startServices();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await buildApp();
  const app = await startSeededApp(services, "bench_cost_canvas");
  const first = await logIn(browser, app.baseUrl, DEMO_USERS[0]);
  const canvasUrl = await demoDocumentUrl(first.page, "Q3 API spend review");
  const otherUrl = await demoDocumentUrl(first.page, "Summarise support tickets with Claude");
  const cookies = await first.context.cookies();
  await first.context.close();

  const canvas: Load[] = [];
  const other: Load[] = [];
  // Interleaved, so both pages see the same machine load.
  for (let run = 0; run < RUNS; run++) {
    canvas.push(await coldLoad(browser, app.baseUrl, cookies, canvasUrl, true));
    other.push(await coldLoad(browser, app.baseUrl, cookies, otherUrl, false));
  }
  const canvasJs = sizes(canvas[0]!.scripts);
  const otherJs = sizes(other[0]!.scripts);
  const lazy = canvasJs.files.filter((f) => !otherJs.files.some((o) => o.url === f.url));

  console.log(`\nCost canvas page ("Q3 API spend review", 5 cost shapes), ${RUNS} cold loads:`);
  console.log(
    `  interactive (connected, tldraw mounted, every shape showing its numbers): ${summarize(canvas.map((l) => l.interactive)).text}`,
  );
  for (const phase of Object.keys(canvas[0]!.phases))
    console.log(`    ${phase}: p50 ${summarize(canvas.map((l) => l.phases[phase]!)).p50.toFixed(0)} ms`);
  console.log(`  JavaScript: ${canvasJs.files.length} scripts, ${kib(canvasJs.raw)} raw, ${kib(canvasJs.gzip)} gzip`);
  console.log(`  loaded only on the canvas (lazy): ${kib(lazy.reduce((a, f) => a + f.gzip, 0))} gzip`);
  for (const f of lazy.sort((a, b) => b.gzip - a.gzip).slice(0, 4))
    console.log(`    ${kib(f.gzip).padStart(10)} gzip  ${f.url}`);
  console.log(`Room page without a canvas ("Summarise support tickets with Claude"):`);
  console.log(`  interactive: ${summarize(other.map((l) => l.interactive)).text}`);
  console.log(`  JavaScript: ${otherJs.files.length} scripts, ${kib(otherJs.raw)} raw, ${kib(otherJs.gzip)} gzip`);
  console.log(
    `  canvas chunk loaded there: ${otherJs.files.some((f) => f.url.includes("CostCanvas")) ? "YES (regression)" : "no"}`,
  );
  const ratio = summarize(canvas.map((l) => l.interactive)).p50 / summarize(other.map((l) => l.interactive)).p50;
  console.log(`Ratio of medians, canvas / other room page: ${ratio.toFixed(2)}`);
  await app.stop();
} finally {
  await browser.close();
  await services.stop();
}
