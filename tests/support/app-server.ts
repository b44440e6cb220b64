import type { AddressInfo } from "node:net";
import { reloadEnv } from "~/config/env.server";
import { startAppServer } from "../../server/index";

/**
 * The built app (npm test builds it first) served in this test process, on a free port,
 * against this file's own database and the real sync server.
 */
export async function startTestApp(extraEnv: Record<string, string> = {}) {
  Object.assign(process.env, { PORT: "0", ...extraEnv });
  // This file's modules (the job workers run them) may have read the environment already.
  reloadEnv();
  const server = await startAppServer();
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
