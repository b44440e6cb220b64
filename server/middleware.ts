import type { NextFunction, Request, Response } from "express";

/**
 * Cross-site request forgery guard for every state-changing request: browsers send
 * Origin (and Sec-Fetch-Site) with form posts and fetches, so a post that comes from
 * another site is refused before any action runs. The session cookie is also
 * SameSite=Lax; this covers older browsers and same-site subdomains we don't control.
 */
export function sameOriginGuard(appOrigin: () => string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    // With APP_URL set, the public origin is configuration, not the Host header: a name the
    // attacker controls that resolves to this server (DNS rebinding, a lax proxy) would
    // otherwise send a matching Host and Origin.
    const ownOrigin = appOrigin() ?? `${req.protocol}://${req.get("host")}`;
    const allowed = origin ? origin === ownOrigin : fetchSite !== "cross-site";
    if (allowed) return next();
    res
      .status(403)
      .json({ error: "This form was sent from another site, so it was refused. Reload the page and try again." });
  };
}

/**
 * Methods the app answers. Anything else (TRACE, CONNECT, PROPFIND, made-up verbs) gets 405
 * here: the Fetch API that Remix builds requests with throws on some of them (TRACE), which
 * would otherwise be a 500.
 */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export function knownMethodsOnly(req: Request, res: Response, next: NextFunction) {
  // Remix would run a route's action for OPTIONS; answer it here (no CORS: same-origin app).
  if (req.method === "OPTIONS") {
    res.status(204).set("Allow", ALLOWED_METHODS.join(", ")).end();
    return;
  }
  if (ALLOWED_METHODS.includes(req.method)) return next();
  res
    .status(405)
    .set("Allow", ALLOWED_METHODS.join(", "))
    .json({ error: `The ${req.method.slice(0, 20)} method is not supported here.` });
}

/**
 * Refuses bodies larger than `maxBytes` before anything reads them. Bodies must declare
 * their length (browsers always do): counting a stream here would race Remix's reader.
 */
export function bodyLimit(defaultMaxBytes: number, larger: { path: RegExp; maxBytes: number }[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.get("transfer-encoding") && !req.get("content-length")) {
      res.status(411).json({ error: "Send the request body with a Content-Length header." });
      return;
    }
    // Routes that take uploads (an archive to scan) declare their own, larger limit.
    const maxBytes = larger.find((l) => l.path.test(req.path))?.maxBytes ?? defaultMaxBytes;
    if (Number(req.get("content-length") ?? 0) > maxBytes) {
      const limit =
        maxBytes >= 1_000_000 ? `${Math.round(maxBytes / 1_000_000)} MB` : `${Math.round(maxBytes / 1000)} kB`;
      res.status(413).json({ error: `The request body is too large (the limit is ${limit}).` });
      return;
    }
    next();
  };
}

/**
 * Hands the client's address to the app in a header the client cannot set: any incoming
 * value is overwritten with what Express computed (honouring TRUST_PROXY).
 */
export function stampClientAddress(req: Request, _res: Response, next: NextFunction) {
  req.headers["x-client-address"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
}

export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  next();
}

/**
 * Errors Express meets before Remix answers (a malformed URL that its static file server
 * cannot decode, a body parser's complaint): a message a person can act on, never a stack.
 */
export function answerErrors(error: unknown, req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(error);
  const declared = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  const status = typeof declared === "number" && declared >= 400 && declared < 500 ? declared : 500;
  if (status === 500) console.error(error);
  const message =
    status === 400
      ? "That address is not valid: it has characters that are not allowed (broken URL encoding). Check the link."
      : status === 500
        ? "Something went wrong on our side. Try again in a moment."
        : "That request could not be handled.";
  if (req.accepts(["json", "html"]) === "html")
    res
      .status(status)
      .type("html")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}</title></head>` +
          `<body><main><h1>Error ${status}</h1><p role="alert">${message}</p>` +
          `<p><a href="/workspaces">Back to your workspaces</a></p></main></body></html>`,
      );
  else res.status(status).json({ error: message });
}
