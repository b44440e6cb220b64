import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import type { Body } from "./route-rules";
import { appRoutes, casesFor, request, startSecurityApp, Tally, urlFor, type Case } from "./harness";
import { buildWorld, cookieFor, type World } from "./world";

/**
 * Every form and JSON endpoint (found from the route list, like the matrix), broken field by
 * field: NUL, a lone surrogate, a 1 MB string, wrong types, a missing field and honest but
 * unusual Unicode; then whole bodies that are not what the endpoint takes, and route
 * parameters and query strings the same way. Each answer must be below 500, a refusal (4xx)
 * must say why in words, and a refusal must leave every table as it was. Rate limits are
 * cleared before each request so validation, not the limiter, answers.
 */
let app: Awaited<ReturnType<typeof startSecurityApp>>;
let world: World;
const tally = new Tally();
let countRows: () => Promise<Record<string, number>>;

beforeAll(async () => {
  app = await startSecurityApp();
  world = await buildWorld();
  countRows = await rowCounter();
  // The world's scan runs as a background job: let it finish, so only requests change rows.
  await vi.waitFor(
    async () => {
      const { status } = await prisma.backgroundJob.findUniqueOrThrow({ where: { id: world.scan.jobId } });
      if (!["SUCCEEDED", "FAILED"].includes(status)) throw new Error(`the world's scan is ${status}`);
    },
    { timeout: 60_000, interval: 250 },
  );
}, 120_000);
afterAll(async () => {
  tally.report("fuzz");
  await app?.close();
});

const HUGE = "x".repeat(1_048_576);
const BAD_STRINGS: [string, string][] = [
  ["NUL", "a\u0000b"],
  ["lone surrogate", "a\uD800b"],
  ["1 MB string", HUGE],
  ["unusual Unicode", "Ünïcödé 🙂 \u202Egnp.exe e\u0301 \uFEFF 𝔘𝔫 ﷽ 中文 \u2028 \u0085"],
];
const WRONG_TYPES: [string, unknown][] = [
  ["a number", 12345],
  ["an object", { nested: { deep: [null] } }],
];

type Attempt = { what: string; url: string; body?: Body | { raw: string; contentType: string } };

describe("the fuzz", () => {
  it("answers every broken input with a 4xx that says why, never a 500, and writes nothing when it refuses", async () => {
    const { cases } = casesFor(await appRoutes());
    // One session for the whole run (log-out is public, so the fuzz posts to it signed out).
    const sessions = { anonymous: null, owner: await cookieFor(world, "owner") };
    const fuzzedParams = new Set<string>();
    let attempts = 0;
    let rows = await countRows();
    for (const c of cases) {
      if (c.rule.access === "none") continue;
      const role = actorFor(c);
      // Route parameters once per route, whichever method comes first.
      const withParams = !fuzzedParams.has(c.route.file);
      fuzzedParams.add(c.route.file);
      for (const attempt of attemptsFor(c, withParams)) {
        attempts++;
        await prisma.rateLimitBucket.deleteMany();
        const response = await request(
          app.baseUrl,
          world,
          { cookie: sessions[role] },
          c.method,
          attempt.url,
          attempt.body,
          c.rule.headers?.(world),
        );
        const verdict = await judge(response, rows);
        rows = verdict.rows;
        tally.record(`${c.method} ${c.route.file}`, verdict.problem === null, `${attempt.what}: ${verdict.problem}`);
      }
    }
    expect(attempts).toBeGreaterThan(500);
    expect(tally.failures, tally.failures.join("\n")).toEqual([]);
  }, 900_000);

  it("left no room entry without its row: every sent request and chat line in the room is in PostgreSQL", async () => {
    const storage = (await liveblocks().getStorageDocument(world.documents.REQUEST.roomId, "json")) as {
      history?: { id: string }[];
      chat?: { id: string }[];
    };
    const history = storage.history ?? [];
    const chat = storage.chat ?? [];
    const [sent, said] = await Promise.all([
      prisma.sentRequest.count({ where: { id: { in: history.map((h) => h.id) } } }),
      prisma.chatMessage.count({ where: { id: { in: chat.map((m) => m.id) } } }),
    ]);
    tally.record(
      "room entries backed by rows",
      sent === history.length && said === chat.length,
      `${sent}/${history.length} sends, ${said}/${chat.length} chat lines`,
    );
    expect(history.length).toBeGreaterThan(0);
    expect(sent).toBe(history.length);
    expect(said).toBe(chat.length);
  });
});

/** Who sends: the person with the most rights the route allows (or nobody, for public ones). */
function actorFor(c: Case): "anonymous" | "owner" {
  return c.rule.access === "public" || c.rule.access === "token" ? "anonymous" : "owner";
}

function attemptsFor(c: Case, withParams: boolean): Attempt[] {
  const url = urlFor(world, c);
  const attempts: Attempt[] = [];
  const sample = c.method === "POST" ? c.rule.fuzz?.(world) : undefined;
  if (sample && "json" in sample) {
    for (const [path, label, value] of leafMutations(sample.json))
      attempts.push({ what: `${path} = ${label}`, url, body: { json: value } });
  }
  if (sample && "form" in sample) {
    for (const field of Object.keys(sample.form)) {
      const others = Object.entries(sample.form).filter(([k]) => k !== field);
      const encode = (pairs: [string, string][]) =>
        pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
      const form = (extra: string[]) => ({ raw: [...encode(others), ...extra].join("&"), contentType: FORM });
      for (const [label, value] of BAD_STRINGS)
        attempts.push({
          what: `${field} = ${label}`,
          url,
          // A lone surrogate cannot be URL-encoded; its UTF-8-ish bytes are what a client would send.
          body: form([
            `${encodeURIComponent(field)}=${label === "lone surrogate" ? "a%ED%A0%80b" : encodeURIComponent(value)}`,
          ]),
        });
      attempts.push({ what: `${field} twice`, url, body: form([`${field}=one`, `${field}=two`]) });
      attempts.push({ what: `${field} missing`, url, body: form([]) });
    }
  }
  if (c.method === "POST") {
    for (const [label, raw, contentType] of WHOLE_BODIES)
      attempts.push({ what: `body: ${label}`, url, body: { raw, contentType } });
  }
  const query = c.rule.query?.(world);
  for (const key of Object.keys(query ?? {}))
    for (const [label, value] of BAD_STRINGS.filter(([l]) => l !== "1 MB string"))
      attempts.push({
        what: `?${key} = ${label}`,
        url: `${url.split("?")[0]}?${new URLSearchParams({ ...query, [key]: value.replace(/[\uD800-\uDFFF]/g, "") })}${label === "lone surrogate" ? `&${key}=%ED%A0%80` : ""}`,
      });
  for (const param of withParams ? c.route.params : [])
    for (const [label, value] of PARAM_VALUES)
      attempts.push({ what: `:${param} = ${label}`, url: urlForRaw(c, param, value), body: sample });
  return attempts;
}

const FORM = "application/x-www-form-urlencoded";
const WHOLE_BODIES: [string, string, string][] = [
  ["not JSON", '{"unterminated', "application/json"],
  ["a JSON array", "[]", "application/json"],
  ["JSON null", "null", "application/json"],
  ["a NUL string", '"\\u0000"', "application/json"],
  ["nested 5,000 deep", `${"[".repeat(5000)}${"]".repeat(5000)}`, "application/json"],
  ["a prototype key", '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}', "application/json"],
  ["a form with a NUL name", "%00=%00", FORM],
  ["binary", "\u0000\u0001\u0002\uFFFD", "application/octet-stream"],
];
const PARAM_VALUES: [string, string][] = [
  ["NUL", "%00"],
  ["broken UTF-8", "%ED%A0%80"],
  ["dot segments and 2,000 characters", `..%2F..%2Fetc%2Fpasswd${"a".repeat(2000)}`],
];

/** The route's URL with one parameter replaced by text that is already URL-encoded. */
function urlForRaw(c: Case, param: string, encoded: string): string {
  const marker = `__fuzz_${param}__`;
  return urlFor(world, c, { [param]: marker }).replace(encodeURIComponent(marker), encoded);
}

/** Every leaf of a JSON sample replaced by each bad value, and each object key removed. */
function leafMutations(sample: unknown): [path: string, label: string, value: unknown][] {
  const out: [string, string, unknown][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    const replace = (value: unknown) => setAt(sample, path, value);
    if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
      if (path.length) {
        out.push([path.join("."), "a string instead", replace("not what it should be")]);
        if (!Array.isArray(node)) out.push([path.join("."), "an empty object", replace({})]);
      }
      return;
    }
    for (const [label, value] of BAD_STRINGS) out.push([path.join("."), label, replace(value)]);
    for (const [label, value] of WRONG_TYPES) out.push([path.join("."), label, replace(value)]);
    if (typeof path.at(-1) === "string") out.push([path.join("."), "missing", replace(undefined)]);
  };
  walk(sample, []);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(root) ? [...root] : { ...(root as object) };
  const next = setAt((root as Record<string | number, unknown>)[head!], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[head!];
  else (copy as Record<string | number, unknown>)[head!] = next;
  return copy;
}

/**
 * What is wrong with an answer (null: nothing), and the row counts after it, which are the
 * counts before the next request: a refusal (4xx) must leave them as they were.
 */
async function judge(
  response: Response,
  before: Record<string, number>,
): Promise<{ problem: string | null; rows: Record<string, number> }> {
  const status = response.status;
  let text = "";
  let broke: string | null = null;
  try {
    text = await response.text();
  } catch (error) {
    broke = `${status}, then the response broke off (${error instanceof Error ? error.message : String(error)})`;
  }
  const rows = await countRows();
  const changed = Object.keys(rows).filter((table) => rows[table] !== before[table]);
  const problem =
    broke ??
    (status >= 500
      ? `${status}: ${text.slice(0, 200)}`
      : status < 400
        ? null
        : !saysWhy(response, text)
          ? `${status} without a message: ${text.slice(0, 200)}`
          : changed.length
            ? `${status} but wrote to ${changed.join(", ")}`
            : null);
  return { problem, rows };
}

function saysWhy(response: Response, text: string): boolean {
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      const body = JSON.parse(text) as { error?: unknown; message?: unknown; fieldErrors?: Record<string, unknown> };
      const sentence = (value: unknown) => typeof value === "string" && value.length > 3;
      return sentence(body.error) || sentence(body.message) || Object.keys(body.fieldErrors ?? {}).length > 0;
    } catch {
      return false;
    }
  }
  // A page: the error boundary or a form's field errors, shown as an alert or next to the field.
  return /role="alert"|class="(field|form)-error"/.test(text);
}

/**
 * Exact row counts of every table, except those no request writes directly: sessions (each
 * request brings its own), rate-limit counters, what the server's own background work
 * writes on its own time (the session recorder, participant seats, job rows), and snippet
 * views (the page shown after a refused form counts its viewer, once a day).
 */
async function rowCounter() {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('Session', 'RateLimitBucket', '_prisma_migrations',
                             'Recording', 'RecordingSegment', 'SessionSeat', 'BackgroundJob', 'SnippetView')`;
  const sql = tables
    .map((t) => `SELECT '${t.table_name}' AS t, count(*)::int AS n FROM "${t.table_name}"`)
    .join(" UNION ALL ");
  return async () => {
    const rows = await prisma.$queryRawUnsafe<{ t: string; n: number }[]>(sql);
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  };
}
