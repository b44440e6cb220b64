import type http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import {
  answerErrors,
  bodyLimit,
  knownMethodsOnly,
  sameOriginGuard,
  securityHeaders,
  stampClientAddress,
} from "./middleware";
import { checkSyncEngineExposure } from "./startup-checks";

/**
 * The HTTP server: static assets, the request guards every route relies on, then Remix.
 * With `dev` it serves through Vite's dev server instead of the production build.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function startAppServer({ dev = false } = {}): Promise<http.Server> {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const maxBodyBytes = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
  const exposure = checkSyncEngineExposure(host);
  if (exposure) throw new Error(exposure);

  const vite = dev
    ? await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }))
    : undefined;

  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer, set TRUST_PROXY (e.g. "1" hop) so req.ip is the client's address.
  app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY : false);
  app.use(knownMethodsOnly);
  app.use(compression());
  app.use(securityHeaders);

  if (vite) {
    app.use(vite.middlewares);
  } else {
    // Vite fingerprints everything under /assets: cache it for a year.
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  }

  const appOrigin = () => (process.env.APP_URL ? new URL(process.env.APP_URL).origin : undefined);
  // Archive uploads for scans (app/scans) are the one place larger bodies are accepted.
  const uploads = [
    { path: /^\/w\/[^/]+\/scans\/upload$/, maxBytes: Number(process.env.MAX_UPLOAD_BYTES ?? 50_000_000) },
  ];
  app.use(stampClientAddress, sameOriginGuard(appOrigin), bodyLimit(maxBodyBytes, uploads));

  app.all(
    "*",
    createRequestHandler({
      mode: dev ? "development" : "production",
      build: vite
        ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
        : ((await import(path.join(root, "build/server/index.js"))) as ServerBuild),
    }),
  );
  app.use(answerErrors);

  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(port, host, () => {
      const address = listening.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      console.log(`App ready at http://${host === "0.0.0.0" ? "localhost" : host}:${actualPort}`);
      resolve(listening);
    });
  });
  await startBackgroundWorkers(server);
  return server;
}

/**
 * The background job workers (app/jobs) run in every app server process unless
 * JOB_WORKERS=off (for deployments that run web and worker processes apart). Closing the
 * server stops them first: running jobs are handed back to the queue.
 */
async function startBackgroundWorkers(server: http.Server) {
  if (process.env.JOB_WORKERS === "off") return;
  const [{ startJobWorkers }, { BACKGROUND_JOBS }] = await Promise.all([
    import("../app/jobs/worker.server"),
    import("../app/background-jobs.server"),
  ]);
  const workers = await startJobWorkers(BACKGROUND_JOBS);
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) =>
    close((error) => {
      void workers
        .stop()
        .catch(() => {})
        .then(() => callback?.(error));
    })) as typeof server.close;
}
