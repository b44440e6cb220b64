import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { prisma } from "~/db/client.server";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp({ MAX_BODY_BYTES: "20000", SHOW_DEMO_CREDENTIALS: "true" });
});
afterAll(() => app.close());

describe("request guards", () => {
  it("refuses a form posted from another site, before the action runs", async () => {
    const client = new CookieClient(app.baseUrl);
    const response = await client.request("/signup", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      form: { name: "Mallory", email: "mallory@example.com", password: "a-long-password" },
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/another site/);
    expect(await prisma.user.count({ where: { email: "mallory@example.com" } })).toBe(0);
  });

  it("refuses a cross-site post that has no Origin but says it is cross-site", async () => {
    const response = await fetch(new URL("/logout", app.baseUrl), {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
  });

  it("accepts a same-origin post", async () => {
    const client = new CookieClient(app.baseUrl);
    const response = await client.request("/signup", {
      method: "POST",
      headers: { origin: app.baseUrl },
      form: { name: "Olive", email: "olive@example.com", password: "a-long-password" },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Check your inbox");
    expect(await prisma.pendingSignup.count({ where: { email: "olive@example.com" } })).toBe(1);
  });

  it("refuses an oversized body with a readable 413", async () => {
    const response = await fetch(new URL("/login", app.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=a%40b.co&password=${"x".repeat(30_000)}`,
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/too large/);
  });

  it("answers bad sign-up input with field errors and no stack trace", async () => {
    const client = new CookieClient(app.baseUrl);
    const response = await client.request("/signup", {
      method: "POST",
      form: { name: "", email: "nope", password: "short" },
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter your name.");
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("Use at least 10 characters.");
    expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/); // no stack frames
  });

  it("rate-limits log-in attempts per account", async () => {
    const user = await createUser("Rate Limited");
    const client = new CookieClient(app.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await client.request("/login", {
        method: "POST",
        form: { email: user.email, password: "wrong-password" },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password is refused until the window ends.
    const right = await client.request("/login", {
      method: "POST",
      form: { email: user.email, password: TEST_PASSWORD },
    });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("answers 404 without a stack trace for a workspace that does not exist or is not yours", async () => {
    const me = await createUser("Me");
    const other = await createUser("Other");
    await createWorkspaceWith([{ userId: me.id, role: "OWNER" }]);
    const theirs = await createWorkspaceWith([{ userId: other.id, role: "OWNER" }]);
    const client = new CookieClient(app.baseUrl);
    await client.logIn(me.email, TEST_PASSWORD);
    for (const path of [`/w/${theirs.id}`, "/w/not-a-uuid", `/w/${crypto.randomUUID()}`]) {
      const response = await client.request(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html).toContain("Not found");
      expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
    }
  });

  it("reports the health of the database and the sync engine", async () => {
    const response = await fetch(new URL("/healthz", app.baseUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: { ok: true }, sync: { ok: true } });
  });
});
