import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/db/client.server";
import { daysAfter } from "~/time/days";
import { env, isProduction } from "~/config/env.server";

const SESSION_DAYS = 30;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  return (cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax", // with the Origin check in server/csrf.ts: no cross-site form posts
    secure: isProduction() && !(env().APP_URL ?? "").startsWith("http://"),
    path: "/",
    maxAge: SESSION_DAYS * 24 * 60 * 60,
    secrets: [env().SESSION_SECRET],
  }));
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Starts a session and returns the Set-Cookie header for it. */
export async function createSession(userId: string, request: Request): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt: daysAfter(new Date(), SESSION_DAYS),
      userAgent: request.headers.get("user-agent")?.slice(0, 200) ?? null,
    },
  });
  return sessionCookie().serialize(token);
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" ? value : null;
}

export type SessionUser = { id: string; email: string; name: string };

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

/** Ends the current session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
  return sessionCookie().serialize("", { maxAge: 0 });
}
