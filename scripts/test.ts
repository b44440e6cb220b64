import { startFakeAnthropic } from "../tests/support/fake-anthropic";
import { startFakeStripe } from "../tests/support/fake-stripe";
import { startHttpTarget } from "../tests/support/http-target";
import { startSmtpInbox } from "../tests/support/smtp-inbox";
import { bin, freePort, run } from "./lib/processes";
import { buildApp, startSeededApp, startServices } from "./lib/test-stack";
import { E2E_GITHUB_TOKEN, startE2eGithub } from "../tests/e2e/support/github";
import { E2E_STRIPE, E2E_STRIPE_PRICES } from "../tests/e2e/support/billing";

/**
 * `npm test`: every test, against real services this script starts and stops itself.
 *   1. types (tsc), lint (Prettier + ESLint) and unit tests (vitest, no services)
 *   2. a throwaway PostgreSQL (embedded, temp dir, free port) migrated into a template
 *      database, and the real Liveblocks dev server on a free port
 *   3. the production build, then integration tests and the security suite together
 *      (vitest, a database per test file from the template; docs/security.md)
 *   4. the built app on a free port with demo data, and end-to-end tests in Chromium
 * `npm test -- unit|integration|security|e2e [filters…]` runs one stage (with what it
 * needs); filters go to vitest or Playwright, e.g. `npm test -- e2e multiplayer`.
 * `npm run test:security` is `npm test -- security`.
 */
const only = process.argv[2] as "unit" | "integration" | "security" | "e2e" | undefined;
const filters = process.argv.slice(3);
const cleanups: (() => Promise<void>)[] = [];
const started = performance.now();
const step = (message: string) =>
  console.log(`\n▶ [test ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`);

async function main() {
  if (!only || only === "unit") {
    step("Type check and lint");
    await run(bin("tsc"), ["--noEmit"]);
    await run("npm", ["run", "--silent", "lint"]);
    step("Unit tests");
    await run(bin("vitest"), ["run", "--project", "unit", ...filters]);
    if (only) return;
  }

  step("Starting PostgreSQL and the Liveblocks dev server");
  const services = await startServices();
  cleanups.push(services.stop);

  step("Building the app");
  await buildApp();

  if (!only || only === "integration" || only === "security") {
    // One vitest run for both when running everything: their files share the workers.
    const projects = only ? [only] : ["integration", "security"];
    step(
      only === "security" ? "Security suite" : only ? "Integration tests" : "Integration tests and the security suite",
    );
    await run(bin("vitest"), ["run", ...projects.flatMap((p) => ["--project", p]), ...filters], { env: services.env });
  }

  if (!only || only === "e2e") {
    step("End-to-end tests: starting the app with demo data, and the outside services it talks to");
    // A local target for request rooms to send to: loopback, so only reachable because allowed here.
    const target = await startHttpTarget();
    cleanups.push(target.close);
    // Claude, as the fake Messages API server the tests script (tests/support/fake-anthropic.ts).
    const anthropic = await startFakeAnthropic({ apiKey: "sk-ant-e2e", defaultChunkDelayMs: 15 });
    cleanups.push(anthropic.close);
    // GitHub, for codebase scans (tests/e2e/support/github.ts).
    const github = await startE2eGithub();
    cleanups.push(github.close);
    // Stripe, as the local server that speaks its API, serves Checkout and posts signed webhooks.
    const stripe = await startFakeStripe({
      apiKey: E2E_STRIPE.STRIPE_SECRET_KEY,
      webhookSecret: E2E_STRIPE.STRIPE_WEBHOOK_SECRET,
      prices: E2E_STRIPE_PRICES,
    });
    cleanups.push(stripe.close);
    // Single sign-on: the spec runs its identity provider on 127.0.0.1 and its name server on this port.
    const dnsPort = await freePort();
    // A real SMTP server for invitation e-mail; the specs read what arrived over HTTP.
    const smtp = await startSmtpInbox();
    cleanups.push(smtp.close);
    const smtpInbox = await smtp.serveOverHttp();
    cleanups.push(smtpInbox.close);
    const app = await startSeededApp(services, "app_e2e", {
      REQUEST_ALLOWED_HOSTS: `127.0.0.1:${target.port}`,
      ANTHROPIC_API_KEY: "sk-ant-e2e",
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
      GITHUB_API_URL: github.baseUrl,
      JOB_POLL_SECONDS: "0.5",
      ...E2E_STRIPE,
      STRIPE_API_URL: stripe.baseUrl,
      SSO_ALLOWED_HOSTS: "127.0.0.1",
      SSO_DNS_SERVERS: `127.0.0.1:${dnsPort}`,
      SMTP_URL: smtp.url,
      // Someone who loses access leaves their open rooms in seconds, not the default minute.
      ROOM_LEASE_SECONDS: "2",
      ROOM_CUT_GRACE_SECONDS: "6",
    });
    cleanups.push(app.stop);
    stripe.setWebhookUrl(`${app.baseUrl}/api/stripe/webhook`);
    step("End-to-end tests");
    await run(bin("playwright"), ["test", ...filters], {
      env: {
        ...app.env,
        E2E_BASE_URL: app.baseUrl,
        E2E_TARGET_URL: target.baseUrl,
        FAKE_ANTHROPIC_URL: anthropic.baseUrl,
        E2E_GITHUB_TOKEN,
        E2E_DNS_PORT: String(dnsPort),
        E2E_SMTP_INBOX_URL: smtpInbox.url,
      },
    });
  }
}

let exitCode = 0;
try {
  await main();
  step("All tests passed");
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
process.exit(exitCode);
