import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser), against the app
 * that scripts/test.ts builds and starts with demo data (E2E_BASE_URL).
 */
export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/support/global-setup.ts",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [["list"]],
  // Sessions with three browsers at once run after the rest, so they do not starve the
  // two-person tests of the two shared cores (each test has a time limit).
  projects: [
    { name: "default", testIgnore: /request-session/ },
    { name: "sessions", testMatch: /request-session/, dependencies: ["default"] },
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
