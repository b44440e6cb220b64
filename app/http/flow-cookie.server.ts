import { createCookie } from "@remix-run/node";
import { env, isProduction } from "~/config/env.server";

/**
 * A signed cookie that carries a sign-in flow's state (against CSRF), its one-time secrets
 * and where it leads, for 10 minutes, sent only to the flow's own paths (e.g. /auth/github).
 */
export const flowCookie = (name: string, path: string) =>
  createCookie(name, {
    httpOnly: true,
    sameSite: "lax", // the provider sends the browser back with a top-level GET
    secure: isProduction() && !(env().APP_URL ?? "").startsWith("http://"),
    path,
    maxAge: 600,
    secrets: [env().SESSION_SECRET],
  });
