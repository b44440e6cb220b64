import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { prisma } from "~/db/client.server";
import { storeApiKey } from "~/keys/api-keys.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { createDocument } from "~/kinds/documents.server";
import { startAppServer } from "../../server/index";
import { DEMO_USERS } from "../../prisma/demo/users";
import { ensureCatalogApi } from "../support/ai";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { startHttpTarget } from "../support/http-target";
import { requestDraft } from "../support/request-draft";
import { startSecurityApp } from "./harness";

/**
 * Issue 19: one regression test per finding, named after the attack, each through the app's
 * real endpoints (all failed against the code before the fixes; docs/security.md).
 */
let app: Awaited<ReturnType<typeof startSecurityApp>>;
let target: Awaited<ReturnType<typeof startHttpTarget>>;
beforeAll(async () => {
  target = await startHttpTarget();
  app = await startSecurityApp({ REQUEST_ALLOWED_HOSTS: `127.0.0.1:${target.port}` });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await target?.close();
});

const as = async (user: { email: string }) => {
  const client = new CookieClient(app.baseUrl);
  await client.logIn(user.email, TEST_PASSWORD);
  return client;
};
const clearLimits = () => prisma.rateLimitBucket.deleteMany();

async function requestSession(extra: { role: "MEMBER" | "VIEWER"; name: string }[] = []) {
  const owner = await createUser("Owner");
  const others = await Promise.all(extra.map((e) => createUser(e.name)));
  const workspace = await createWorkspaceWith([
    { userId: owner.id, role: "OWNER" },
    ...others.map((u, i) => ({ userId: u.id, role: extra[i]!.role })),
  ]);
  const document = await createDocument({
    workspaceId: workspace.id,
    kind: "REQUEST",
    title: "Probe",
    createdById: owner.id,
  });
  return { owner, others, workspace, document, base: `/w/${workspace.id}/d/${document.id}` };
}

const draft = (overrides: Record<string, unknown> = {}) => requestDraft(`${target.baseUrl}/json`, overrides);
const roomHistory = async (roomId: string) =>
  ((await liveblocks().getStorageDocument(roomId, "json")) as { history?: { id: string; error: string | null }[] })
    .history ?? [];

describe("finding 3: open redirect and CR/LF after log-in", () => {
  it("open redirect: redirectTo=/%09/evil.example after log-in stays on this site, and CR/LF is not a 500", async () => {
    const user = await createUser("Redirected");
    for (const redirectTo of [
      "/%09/evil.example",
      "/%5C/evil.example",
      "/%09%09/evil.example",
      "/x%0d%0aSet-Cookie:%20a=b",
    ]) {
      await clearLimits();
      const client = new CookieClient(app.baseUrl);
      const response = await client.request(`/login?redirectTo=${redirectTo}`, {
        method: "POST",
        form: { email: user.email, password: TEST_PASSWORD },
      });
      expect(response.status, redirectTo).toBe(302);
      const location = response.headers.get("location")!;
      // Where a browser would go: tabs and line breaks are dropped, "\" is read as "/".
      expect(new URL(location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/"), app.baseUrl).origin, redirectTo).toBe(
        app.baseUrl,
      );
      expect(response.headers.get("set-cookie") ?? "").not.toMatch(/a=b/);
    }
  });
});

describe("finding 4: SSRF through the GitHub Enterprise base URL", () => {
  it("SSRF via the GitHub Enterprise base URL: an internal name never gets a connection, token attached", async () => {
    // Something listening on every local address that would see a TLS hello if the server connected.
    let connections = 0;
    const listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "::", resolve));
    const { port } = listener.address() as AddressInfo;
    const owner = await createUser("GHE owner");
    const workspace = await createWorkspaceWith([{ userId: owner.id, role: "OWNER" }]);
    const client = await as(owner);
    try {
      // The machine's own name (the old host-name regex let it through: it resolves to this
      // machine), and spellings of loopback.
      for (const host of [
        `${os.hostname()}:${port}`,
        `[::ffff:127.0.0.1]:${port}`,
        `localhost:${port}`,
        `[::1]:${port}`,
      ]) {
        await clearLimits();
        const response = await client.request(`/w/${workspace.id}/scans`, {
          method: "POST",
          form: {
            intent: "connect-token",
            token: "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
            baseUrl: `https://${host}/api/v3`,
          },
        });
        expect(response.status, host).toBe(400);
        expect(await response.text(), host).toMatch(/not a public GitHub Enterprise server/);
      }
      expect(connections).toBe(0);
      expect(await prisma.githubConnection.count({ where: { workspaceId: workspace.id } })).toBe(0);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});

describe("finding 6: organisation keys go to their provider only", () => {
  it("key substitution: a draft retargeted to another host does not ship the organisation's Stripe key", async () => {
    const { owner, others, workspace, base } = await requestSession([{ role: "MEMBER", name: "Victim" }]);
    const api = await ensureCatalogApi("stripe");
    const team = await prisma.team.create({ data: { organizationId: workspace.organizationId, name: "Payments" } });
    const subscription = await prisma.subscription.create({ data: { teamId: team.id, planId: api.plans[0]!.id } });
    await storeApiKey({
      organizationId: workspace.organizationId,
      subscriptionId: subscription.id,
      label: "Stripe",
      envVarName: "STRIPE_API_KEY",
      secret: "sk_live_organisation_key_1234",
      createdById: owner.id,
    });
    const victim = await as(others[0]!);
    const before = target.received.length;
    const bearer = {
      type: "bearer",
      token: "{{STRIPE_API_KEY}}",
      username: "",
      password: "",
      keyName: "",
      keyValue: "",
      keyIn: "header",
    };
    for (const retargeted of [
      draft({ url: `${target.baseUrl}/echo`, auth: bearer }),
      draft({
        url: `${target.baseUrl}/echo`,
        headers: [{ id: "h", enabled: true, name: "X-Key", value: "{{STRIPE_API_KEY}}" }],
      }),
      draft({
        url: `${target.baseUrl}/echo`,
        query: [{ id: "q", enabled: true, name: "key", value: "{{STRIPE_API_KEY}}" }],
      }),
      draft({ method: "POST", url: `${target.baseUrl}/echo`, bodyType: "text/plain", body: "{{STRIPE_API_KEY}}" }),
      draft({ url: "http://api.stripe.com/v1/charges", auth: bearer }),
      draft({ url: "https://api.stripe.com.evil.example/v1/charges", auth: bearer }),
    ]) {
      await clearLimits();
      const sent = await victim.request(`${base}/send`, {
        method: "POST",
        json: { draft: retargeted, environment: null },
      });
      expect(sent.status).toBe(200);
      const result = await sent.json();
      expect(result.outcome, retargeted.url).toBe("REFUSED");
      expect(result.error).toMatch(/only sent to api\.stripe\.com/);
    }
    expect(target.received.length).toBe(before);
    // To its own host the key may go (this machine is offline, so it fails there, but it is not refused).
    const toStripe = await victim.request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ url: "https://api.stripe.com/v1/charges", auth: bearer }), environment: null },
    });
    expect((await toStripe.json()).outcome).not.toBe("REFUSED");
  });
});

describe("finding 7: NUL bytes and lone surrogates", () => {
  it("NUL and lone surrogates in fields get a 4xx with a message, never a 500, per endpoint", async () => {
    const { owner, workspace, base } = await requestSession();
    const client = await as(owner);
    const probes: [string, { json: unknown } | { form: Record<string, string> }][] = [
      [`${base}/chat`, { json: { text: "hi\u0000there" } }],
      [`${base}/chat`, { json: { text: "hi\uD800there" } }],
      [`${base}/secrets`, { json: { intent: "set", environmentId: "e\u0000", name: "TOKEN", value: "x" } }],
      [`/w/${workspace.id}/snippets/save`, { json: { title: "t\u0000", language: "javascript", code: "1" } }],
      [`/w/${workspace.id}/snippets/save`, { json: { title: "t", language: "javascript", code: "\uDC00" } }],
      [`/w/${workspace.id}`, { form: { kind: "REQUEST", title: "a\u0000b" } }],
      ["/join", { form: { code: "\u0000" } }],
    ];
    for (const [url, body] of probes) {
      await clearLimits();
      const response = await client.request(url, { method: "POST", ...body });
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
      expect(await response.text(), url).toMatch(/NUL character|unpaired surrogate/);
    }
  });

  it("one NUL event no longer fails a usage batch: its 99 good events are counted", async () => {
    const owner = await createUser("Ingesting owner");
    const workspace = await createWorkspaceWith([{ userId: owner.id, role: "OWNER" }]);
    const api = await ensureCatalogApi("openai");
    const team = await prisma.team.create({ data: { organizationId: workspace.organizationId, name: "Data" } });
    const subscription = await prisma.subscription.create({
      data: { teamId: team.id, planId: api.plans[0]!.id, startedAt: new Date(Date.now() - 86_400_000) },
    });
    const client = await as(owner);
    const created = await client.request(`/orgs/${workspace.organizationId}/ingestion-tokens`, {
      method: "POST",
      form: { intent: "create", name: "batch" },
    });
    const token = /data-testid="new-token">([^<]+)</.exec(await created.text())![1]!;
    const event = (i: number, eventId = `evt-${i}`) => ({
      eventId,
      subscriptionId: subscription.id,
      operation: "createChatCompletion",
      units: { input_token: 10, output_token: 5 },
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const events = Array.from({ length: 100 }, (_, i) => (i === 42 ? event(i, "evt-\u0000-42") : event(i)));
    const response = await fetch(new URL("/api/usage/events", app.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.accepted).toBe(99);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ index: 42 });
    expect(result.rejected[0].reasons[0]).toMatch(/NUL character/);
    expect(await prisma.usageEvent.count({ where: { subscriptionId: subscription.id } })).toBe(99);
  });

  it("Send with a NUL in the body: no history entry in the room without its row, and none at all", async () => {
    const { owner, document, base } = await requestSession();
    const client = await as(owner);
    const refused = await client.request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ method: "POST", bodyType: "text/plain", body: "a\u0000b" }), environment: null },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/draft\.body contains a NUL character/);
    expect(await roomHistory(document.roomId)).toEqual([]);
    expect(await prisma.sentRequest.count({ where: { documentId: document.id } })).toBe(0);

    // A response holding a NUL (the target's /nul) is stored readable, with its room entry.
    await clearLimits();
    const sent = await client.request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ url: `${target.baseUrl}/nul` }), environment: null },
    });
    expect(sent.status).toBe(200);
    const response = await sent.json();
    expect(response.body).toBe("before\uFFFDafter");
    const history = await roomHistory(document.roomId);
    expect(history.map((h) => h.id)).toEqual([response.id]);
    expect(await prisma.sentRequest.count({ where: { id: response.id } })).toBe(1);
  });
});

describe("finding 8: the local sync server stays on this machine", () => {
  it("local sync server on the network: listens on loopback only, and the app will not serve it to a network", async () => {
    const port = Number(new URL(process.env.LIVEBLOCKS_BASE_URL!).port);
    expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
    const saved = { HOST: process.env.HOST, PORT: process.env.PORT };
    try {
      Object.assign(process.env, { HOST: "0.0.0.0", PORT: "0" });
      await expect(startAppServer()).rejects.toThrow(
        /Refusing to listen on 0\.0\.0\.0 with the local Liveblocks dev server/,
      );
      process.env.ALLOW_LOCAL_SYNC_ON_NETWORK = "true";
      const server = await startAppServer();
      await new Promise((resolve) => server.close(resolve));
    } finally {
      delete process.env.ALLOW_LOCAL_SYNC_ON_NETWORK;
      Object.assign(process.env, saved);
    }
  });
});

describe("finding 9: secret redaction", () => {
  it("a secret used in a host name comes back lower-cased and still redacted", async () => {
    const { owner, document, base } = await requestSession();
    const client = await as(owner);
    const secret = "MiXeDcAsE0123Secret";
    await client.request(`${base}/secrets`, {
      method: "POST",
      json: { intent: "set", environmentId: "env-1", name: "TOKEN", value: secret },
    });
    const sent = await client.request(`${base}/send`, {
      method: "POST",
      json: {
        draft: draft({ url: "http://{{TOKEN}}.localhost/x?echo={{TOKEN}}" }),
        environment: { id: "env-1", name: "Env", variables: [{ name: "TOKEN", value: "", secret: true }] },
      },
    });
    const response = await sent.json();
    expect(response.error).toMatch(/••••••/);
    const everywhere = JSON.stringify([
      response,
      await roomHistory(document.roomId),
      await prisma.sentRequest.findMany({ where: { documentId: document.id } }),
    ]).toLowerCase();
    expect(everywhere).not.toContain(secret.toLowerCase());
  });
});

describe("finding 10: IPv4-compatible IPv6", () => {
  it("SSRF via [::127.0.0.1] (::/96) is refused like ::ffff:0:0/96", async () => {
    const { owner, base } = await requestSession();
    const client = await as(owner);
    for (const url of [`http://[::127.0.0.1]:${target.port}/json`, "http://[::a9fe:a9fe]/latest/meta-data/"]) {
      await clearLimits();
      const sent = await client.request(`${base}/send`, {
        method: "POST",
        json: { draft: draft({ url }), environment: null },
      });
      const result = await sent.json();
      expect(result.outcome, url).toBe("REFUSED");
      expect(result.error, url).toMatch(/IPv4-compatible/);
    }
  });
});

describe("finding 11: sign-up does not tell whether an address has an account", () => {
  /** The whole answer to a sign-up, with what differs by design (the address, the nonce) masked. */
  const answer = async (email: string) => {
    await clearLimits();
    const response = await new CookieClient(app.baseUrl).request("/signup", {
      method: "POST",
      form: { name: "Probe", email, password: "a-long-password" },
    });
    const html = (await response.text()).replaceAll(email, "EMAIL").replace(/nonce(=|-)"?[\w+/=-]+/g, "nonce");
    return { status: response.status, cookie: response.headers.get("set-cookie"), html };
  };
  it("account enumeration through sign-up: the same answer for a taken and a free address; only the inbox learns", async () => {
    const existing = await createUser("Already here");
    const fresh = `fresh-${Date.now()}@example.com`;
    const [taken, free] = [await answer(existing.email), await answer(fresh)];
    expect(taken.status).toBe(200);
    expect(free).toEqual(taken);
    expect(await prisma.user.count({ where: { email: fresh } })).toBe(0);

    const noted = app.mail.to(existing.email).at(-1)!;
    expect(noted.subject).toMatch(/You already have an APIMarketplace Pro account/);
    expect(noted.text).not.toMatch(/signup\/confirm/);
    const invited = app.mail.to(fresh).at(-1)!;
    const link = /(http\S+\/signup\/confirm\?token=[\w-]+)/.exec(invited.text)![1]!;
    const person = new CookieClient(app.baseUrl);
    const page = await person.request(new URL(link).pathname + new URL(link).search);
    expect(await page.text()).toContain("Finish creating your account");
    const token = new URL(link).searchParams.get("token")!;
    const confirmed = await person.request("/signup/confirm", { method: "POST", form: { token } });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/workspaces");
    expect(person.hasCookie("__session")).toBe(true);
    expect(await prisma.user.count({ where: { email: fresh } })).toBe(1);
    const again = await new CookieClient(app.baseUrl).request("/signup/confirm", { method: "POST", form: { token } });
    expect(again.status).toBe(400);
  });
  it("account enumeration while the mail server is down: the same 503 with a message for a taken and a free address", async () => {
    const existing = await createUser("Mail down");
    const fresh = `down-${Date.now()}@example.com`;
    app.mail.refuse(true);
    try {
      const [taken, free] = [await answer(existing.email), await answer(fresh)];
      expect(taken.status).toBe(503);
      expect(taken.html).toContain("We could not send the e-mail just now");
      expect(free).toEqual(taken);
    } finally {
      app.mail.refuse(false);
    }
    expect(app.mail.to(fresh)).toHaveLength(0);
  });
});

describe("finding 12: public snippet views", () => {
  it("view counts are not inflated by varying the User-Agent", async () => {
    const owner = await createUser("Author");
    const workspace = await createWorkspaceWith([{ userId: owner.id, role: "OWNER" }]);
    const snippet = await prisma.snippet.create({
      data: {
        shareId: "AAAAAAAAAAAAAAAAAAAAAA".replace(/A/g, () => "abcdefghijk"[Math.floor(Math.random() * 11)]!),
        workspaceId: workspace.id,
        title: "Popular",
        language: "javascript",
        code: "1",
        visibility: "PUBLIC",
      },
    });
    for (let i = 0; i < 20; i++) {
      const response = await fetch(new URL(`/s/${snippet.shareId}`, app.baseUrl), {
        headers: { "user-agent": `Mozilla/5.0 (bot ${i}; rv:${i}.0)` },
      });
      expect(response.status).toBe(200);
    }
    expect((await prisma.snippet.findUniqueOrThrow({ where: { id: snippet.id } })).viewCount).toBe(1);
  });
});

describe("finding 13: unknown HTTP methods", () => {
  it("TRACE and made-up methods get 405, never a 500", async () => {
    // (Node's own parser answers 400 to methods it does not know at all, before the app.)
    for (const method of ["TRACE", "PROPFIND", "LOCK"]) {
      const { status, allow } = await rawRequest(method, "/login");
      expect(status, method).toBe(405);
      expect(allow).toContain("GET");
    }
  });
});

describe("finding 14: demo accounts with published passwords", () => {
  it("seeding a real database never gives a demo owner the published password", async () => {
    const url = await freshDatabase(`seed_${process.pid}`);
    const output = await runSeed({ DATABASE_URL: url });
    expect(output).toMatch(/passwords made for this database/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const ada = DEMO_USERS.find((u) => u.key === "ada")!;
      const { rows } = await client.query<{ passwordHash: string }>(
        `SELECT "passwordHash" FROM "User" WHERE email = $1`,
        [ada.email],
      );
      expect(rows).toHaveLength(1);
      expect(await verifyPassword(ada.password, rows[0]!.passwordHash)).toBe(false);
      expect(output).toContain(ada.email);
    } finally {
      await client.end();
    }
  }, 240_000);
});

describe("also: log-in lock-out, cross-site posts, the Content-Security-Policy", () => {
  it("a team behind one address logging in with right passwords is never locked out", async () => {
    await clearLimits();
    const person = await createUser("Often here");
    for (let i = 0; i < 60; i++) {
      const response = await new CookieClient(app.baseUrl).request("/login", {
        method: "POST",
        form: { email: person.email, password: TEST_PASSWORD },
      });
      expect(response.status, `log-in ${i + 1}`).toBe(302);
    }
    // Failures still count.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await new CookieClient(app.baseUrl).request("/login", {
            method: "POST",
            form: { email: person.email, password: "wrong" },
          })
        ).status,
      );
    expect(statuses.at(-1)).toBe(429);
  }, 120_000);

  it("a cross-site post from a rebound host name is refused when APP_URL says where the app lives", async () => {
    process.env.APP_URL = "https://workspaces.example.com";
    try {
      // DNS rebinding: the attacker's name points at this server, so Host and Origin agree.
      const rebound = await rawRequest("POST", "/logout", {
        host: "rebind.attacker.example",
        origin: "http://rebind.attacker.example",
      });
      expect(rebound.status).toBe(403);
      const own = await rawRequest("POST", "/logout", { origin: "https://workspaces.example.com" });
      expect(own.status).toBe(302);
    } finally {
      delete process.env.APP_URL;
    }
  });

  it("pages carry a nonce-based script policy, every inline script has the nonce, and the sandbox has its own", async () => {
    const response = await fetch(new URL("/login", app.baseUrl));
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(policy).toMatch(/script-src 'self' 'nonce-/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(policy).toContain("object-src 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    const sandbox = await fetch(new URL("/sandbox", app.baseUrl));
    expect(sandbox.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; script-src 'unsafe-inline' blob:/,
    );
  });
});

// ─── helpers ──────────────────────────────────────────────────────────────────

/** node:http, because fetch refuses to send TRACE at all. */
function rawRequest(method: string, pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; allow: string }>((resolve, reject) => {
    const req = http.request(new URL(pathname, app.baseUrl), { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: String(res.headers.allow ?? "") }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The local addresses a TCP port is listening on, from the kernel's socket tables. */
function listeningAddresses(port: number): string[] {
  const found = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [hex, portHex] = local.split(":");
      if (parseInt(portHex!, 16) !== port) continue;
      found.add(
        hex!.length === 8
          ? hex!
              .match(/../g)!
              .reverse()
              .map((b) => parseInt(b, 16))
              .join(".")
          : `ipv6:${hex}`,
      );
    }
  }
  return [...found];
}

async function freshDatabase(name: string) {
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.TEST_PG_URL!);
  url.pathname = `/${name}`;
  return url.href;
}

function runSeed(env: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const { DEMO_PASSWORDS: _published, ...rest } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...rest, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`seed exited ${code}: ${output}`))));
  });
}
