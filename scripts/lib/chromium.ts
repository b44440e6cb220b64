/**
 * How Debian's Chromium is launched for tests and benchmarks (never a downloaded
 * browser). As root and offline these flags are needed: no sandbox, and no background
 * networking, which this machine's closed network would refuse many times over.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
