import { startAppServer } from "./index";

/**
 * Runs the app server alone, against services configured in the environment: how a
 * deployment (or the test harness) starts it. `npm start` sets those services up first.
 */
const server = await startAppServer({ dev: process.argv.includes("--dev") });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
