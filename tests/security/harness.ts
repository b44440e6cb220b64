import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestApp } from "../support/app-server";
import { startFakeGithub } from "../support/fake-github";
import { startSmtpInbox } from "../support/smtp-inbox";
import { ROUTE_RULES, type Access, type Body, type MethodRule, type RouteRule } from "./route-rules";
import { cookieFor, paramValues, type Role, type World } from "./world";

/**
 * What the security suite's files share: the app as the suite runs it (GitHub's OAuth app
 * and SMTP pointed at local servers speaking their wire formats), the app's routes as the
 * build lists them joined with their rules, the expected answer for each role, and a tally
 * of what was tried and what held (printed at the end, copied into docs/security.md).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function startSecurityApp(extraEnv: Record<string, string> = {}) {
  const github = await startFakeGithub({
    clientId: "Iv1.security",
    clientSecret: "security-secret",
    user: { id: 7, login: "sec", name: "Sec", emails: [{ email: "sec@example.com", primary: true, verified: true }] },
  });
  const mail = await startSmtpInbox();
  const app = await startTestApp({
    GITHUB_CLIENT_ID: "Iv1.security",
    GITHUB_CLIENT_SECRET: "security-secret",
    GITHUB_API_URL: github.baseUrl,
    SMTP_URL: mail.url,
    JOB_POLL_SECONDS: "0.5",
    ...extraEnv,
  });
  return {
    baseUrl: app.baseUrl,
    github,
    mail,
    close: async () => {
      await app.close();
      await mail.close();
      await github.close();
    },
  };
}

// ─── the route list ───────────────────────────────────────────────────────────

export type AppRoute = { file: string; pathPattern: string; params: string[] };

/** Every route of the built app, with its full path; checked against the files in app/routes. */
export async function appRoutes(): Promise<AppRoute[]> {
  const build = (await import(path.join(root, "build/server/index.js"))) as {
    routes: Record<string, { id: string; parentId?: string; path?: string }>;
  };
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? "";
    return route.parentId ? path.posix.join(fullPath(route.parentId), own) : own;
  };
  const routes = Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const pathPattern = `/${fullPath(r.id)}`.replace(/\/+$/, "") || "/";
      return {
        file: r.id.replace(/^routes\//, ""),
        pathPattern,
        params: [...pathPattern.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      };
    });
  const files = fs
    .readdirSync(path.join(root, "app/routes"))
    .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.test\./.test(f))
    .map((f) => f.replace(/\.(tsx?|jsx?)$/, ""));
  const built = new Set(routes.map((r) => r.file));
  const notBuilt = files.filter((f) => !built.has(f));
  if (notBuilt.length)
    throw new Error(
      `The build is older than app/routes (missing ${notBuilt.join(", ")}): run npm test, which builds first.`,
    );
  return routes.sort((a, b) => a.file.localeCompare(b.file));
}

export type Case = {
  route: AppRoute;
  label: string;
  method: "GET" | "POST";
  rule: MethodRule;
  document: "REQUEST" | "AI" | "CANVAS";
  params?: RouteRule["params"];
};

/** Routes joined with their rules: one case per route, variant and method. */
export function casesFor(routes: AppRoute[]): { cases: Case[]; unruled: string[]; stale: string[] } {
  const cases: Case[] = [];
  const unruled: string[] = [];
  for (const route of routes) {
    const entry = ROUTE_RULES[route.file];
    if (!entry) {
      unruled.push(route.file);
      continue;
    }
    for (const rule of Array.isArray(entry) ? entry : [entry]) {
      for (const method of ["GET", "POST"] as const) {
        const value = rule[method];
        cases.push({
          route,
          label: `${method} ${route.pathPattern}${rule.label ? ` (${rule.label})` : ""}`,
          method,
          rule: typeof value === "string" || !("access" in value) ? { access: value as Access } : value,
          document: rule.document ?? "REQUEST",
          params: rule.params,
        });
      }
    }
  }
  const known = new Set(routes.map((r) => r.file));
  const stale = Object.keys(ROUTE_RULES).filter((file) => !known.has(file));
  return { cases, unruled, stale };
}

export function urlFor(world: World, c: Case, override: Record<string, string> = {}): string {
  const values = { ...paramValues(world, c.document), ...c.params?.(world), ...override };
  const pathname = c.route.pathPattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(
        `${c.route.file}: no value for :${name}. Add it to paramValues (tests/security/world.ts) or the rule's params.`,
      );
    return encodeURIComponent(value);
  });
  const query = c.rule.query?.(world);
  return query ? `${pathname}?${new URLSearchParams(query)}` : pathname;
}

// ─── expectations ─────────────────────────────────────────────────────────────

/**
 * allowed: anything but a refusal (401, 403, 404, 405, a redirect to /login) and never 5xx;
 * anything: never 5xx or 405 (public pages may redirect a signed-in person, or vice versa);
 * signed-out: 401 or a redirect to /login.
 */
export type Expectation = "allowed" | "anything" | "signed-out" | 403 | 404 | 405 | 401;

export function expectationFor(access: Access, role: Role): Expectation {
  if (access === "none") return 405;
  if (access === "public") return "anything";
  if (access === "token") return 401;
  if (role === "anonymous")
    return typeof access === "object" && "workspace" in access && access.signedOut === "not-found" ? 404 : "signed-out";
  if (access === "signed-in") return "allowed";
  if ("organization" in access) {
    if (role === "outsider" || role === "guest") return 404;
    if (access.organization === "manage") return role === "owner" || role === "admin" ? "allowed" : 403;
    return "allowed";
  }
  if (role === "outsider") return 404;
  if (role === "guest") return access.guests && access.workspace !== "manage" ? "allowed" : 404;
  if (access.workspace === "read") return "allowed";
  if (access.workspace === "write") return role === "viewer" ? 403 : "allowed";
  return role === "owner" || role === "admin" ? "allowed" : 403;
}

const isLoginRedirect = (response: Response) =>
  [301, 302, 303, 307, 308].includes(response.status) && /^\/login(\?|$)/.test(response.headers.get("location") ?? "");

export function meets(expectation: Expectation, response: Response): boolean {
  const status = response.status;
  if (status >= 500) return false;
  switch (expectation) {
    case "anything":
      return status !== 405;
    case "signed-out":
      return status === 401 || isLoginRedirect(response);
    case "allowed":
      return ![401, 403, 404, 405].includes(status) && !isLoginRedirect(response);
    default:
      return status === expectation;
  }
}

// ─── requests ─────────────────────────────────────────────────────────────────

/** `as`: a role (a fresh session of theirs for this request), or a session cookie to reuse. */
export async function request(
  baseUrl: string,
  world: World,
  as: Role | { cookie: string | null },
  method: string,
  url: string,
  body?: Body | { raw: string; contentType: string },
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers = new Headers({ origin: baseUrl, ...extraHeaders });
  const cookie = typeof as === "string" ? await cookieFor(world, as) : as.cookie;
  if (cookie) headers.set("cookie", cookie);
  let payload: BodyInit | undefined;
  if (body && "json" in body) {
    payload = JSON.stringify(body.json);
    headers.set("content-type", "application/json");
  } else if (body && "form" in body) {
    payload = new URLSearchParams(body.form).toString();
    headers.set("content-type", "application/x-www-form-urlencoded");
  } else if (body && "multipart" in body) {
    const form = new FormData();
    for (const [k, v] of Object.entries(body.multipart)) form.append(k, v);
    payload = form;
  } else if (body && "raw" in body) {
    payload = body.raw;
    headers.set("content-type", body.contentType);
  }
  return fetch(new URL(url, baseUrl), {
    method,
    headers,
    body: method === "GET" ? undefined : payload,
    redirect: "manual",
  });
}

// ─── the tally ────────────────────────────────────────────────────────────────

export class Tally {
  private counts = new Map<string, { tried: number; held: number }>();
  readonly failures: string[] = [];

  record(group: string, held: boolean, description: string) {
    const entry = this.counts.get(group) ?? { tried: 0, held: 0 };
    entry.tried++;
    if (held) entry.held++;
    else this.failures.push(`${group}: ${description}`);
    this.counts.set(group, entry);
  }

  /** Prints and keeps the counts (test-results/security-tally-<suite>.json) for docs/security.md. */
  report(suite: string) {
    const rows = [...this.counts].map(([group, c]) => ({ group, ...c }));
    const total = rows.reduce((t, r) => ({ tried: t.tried + r.tried, held: t.held + r.held }), { tried: 0, held: 0 });
    console.log(
      `\n${suite}: ${total.held} of ${total.tried} held\n` +
        rows.map((r) => `  ${r.group}: ${r.held}/${r.tried}`).join("\n"),
    );
    fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
    fs.writeFileSync(
      path.join(root, `test-results/security-tally-${suite}.json`),
      JSON.stringify({ suite, total, rows }, null, 2),
    );
    return total;
  }
}
