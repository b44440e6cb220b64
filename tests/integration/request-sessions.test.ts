import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { seek } from "~/requests/recordings.server";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { eventually } from "../support/wait";
import { startHttpTarget } from "../support/http-target";
import { requestDraft } from "../support/request-draft";

/**
 * Request sessions through the app's real endpoints, the real sync engine and
 * PostgreSQL: codes and guests, the participant maximum, sending, secrets, chat,
 * imports and exports, and the server's recording (no browser involved at all).
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let target: Awaited<ReturnType<typeof startHttpTarget>>;
beforeAll(async () => {
  target = await startHttpTarget();
  app = await startTestApp({
    REQUEST_ALLOWED_HOSTS: `127.0.0.1:${target.port}`,
    SESSION_MAX_PARTICIPANTS: "3",
    RECORDING_IDLE_SECONDS: "3",
  });
});
afterAll(async () => {
  await app.close();
  await target.close();
});

const as = async (user: { email: string }) => {
  const client = new CookieClient(app.baseUrl);
  await client.logIn(user.email, TEST_PASSWORD);
  return client;
};

async function session() {
  const [owner, member, outsider] = await Promise.all(["Owner", "Member", "Outsider"].map((n) => createUser(n)));
  const workspace = await createWorkspaceWith([
    { userId: owner!.id, role: "OWNER" },
    { userId: member!.id, role: "MEMBER" },
  ]);
  const document = await createDocument({
    workspaceId: workspace.id,
    kind: "REQUEST",
    title: "Debug Stripe",
    createdById: owner!.id,
  });
  const other = await createDocument({
    workspaceId: workspace.id,
    kind: "REQUEST",
    title: "Another",
    createdById: owner!.id,
  });
  const base = `/w/${workspace.id}/d/${document.id}`;
  return { owner: owner!, member: member!, outsider: outsider!, workspace, document, other, base };
}

const draft = (overrides: Record<string, unknown> = {}) => requestDraft(`${target.baseUrl}/echo`, overrides);

const storageOf = (roomId: string) => liveblocks().getStorageDocument(roomId, "json") as Promise<Record<string, any>>;

describe("session codes and guests", () => {
  it("lets an outsider join one session as a guest, and nothing else; revoking ends it", async () => {
    const { owner, outsider, workspace, document, other, base } = await session();
    const ownerClient = await as(owner);
    const created = await ownerClient.request(`${base}/codes`, {
      method: "POST",
      json: { intent: "create", lifetime: "1h" },
    });
    expect(created.status).toBe(200);
    const { code, link, id } = await created.json();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(link).toContain(`/join?code=${code}`);
    expect(JSON.stringify(await prisma.sessionCode.findMany())).not.toContain(code.replace(/-/g, ""));

    const guest = await as(outsider);
    const before = await guest.request(base);
    expect(before.status).toBe(404);
    const join = await guest.request("/join", { method: "POST", form: { code: code.toLowerCase() } });
    expect(join.status).toBe(302);
    expect(join.headers.get("location")).toBe(base);

    expect((await guest.request(base)).status).toBe(200);
    const token = await guest.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(token.status).toBe(200);
    // Everything else of the workspace stays 404 for the guest.
    const elsewhere = await Promise.all([
      guest.request(`/w/${workspace.id}`),
      guest.request(`/w/${workspace.id}/d/${other.id}`),
      guest.request("/api/liveblocks-auth", { method: "POST", json: { room: other.roomId } }),
      guest.request(`${base}/codes`, { method: "POST", json: { intent: "create", lifetime: "1h" } }),
      guest.request(`${base}/replay/${crypto.randomUUID()}`),
    ]);
    expect(elsewhere.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);

    const revoked = await ownerClient.request(`${base}/codes`, {
      method: "POST",
      json: { intent: "revoke", codeId: id },
    });
    expect(revoked.status).toBe(200);
    expect((await guest.request(base)).status).toBe(404);
    expect(
      (await guest.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } })).status,
    ).toBe(404);
    const again = await guest.request("/join", { method: "POST", form: { code } });
    expect(again.status).toBe(400);
  });

  it("stops guessing codes at the per-account limit, even for the right code", async () => {
    const { owner, outsider, base } = await session();
    const { code } = await (
      await (await as(owner)).request(`${base}/codes`, { method: "POST", json: { intent: "create", lifetime: "1h" } })
    ).json();
    const guesser = await as(outsider);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await guesser.request("/join", { method: "POST", form: { code: "2345-6789-ABCD" } })).status);
    expect(statuses).toEqual(Array(10).fill(400));
    const right = await guesser.request("/join", { method: "POST", form: { code } });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("holds at most SESSION_MAX_PARTICIPANTS people, counting those still connecting", async () => {
    const { document, workspace } = await session();
    const people = await Promise.all([1, 2, 3, 4].map((i) => createUser(`Person ${i}`)));
    await prisma.workspaceMembership.createMany({
      data: people.map((p) => ({ workspaceId: workspace.id, userId: p.id, role: "MEMBER" as const })),
    });
    const clients = await Promise.all(people.map((p) => as(p)));
    const ask = (client: CookieClient) =>
      client.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    const statuses = await Promise.all(clients.map(ask));
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 200, 403]);
    const refused = statuses.find((r) => r.status === 403)!;
    expect((await refused.json()).error).toMatch(/full: at most 3 people/);
    const page = await clients[statuses.indexOf(refused)]!.request(`/w/${workspace.id}/d/${document.id}`);
    expect(await page.text()).toContain("This session is full");
    // Someone already in keeps their place (a reload asks again).
    const admitted = clients[statuses.findIndex((r) => r.status === 200)]!;
    expect((await ask(admitted)).status).toBe(200);
  });
});

describe("sending from a room", () => {
  it("sends to an allowed target and writes the response into the room and the history", async () => {
    const { member, document, base } = await session();
    const client = await as(member);
    const sent = await client.request(`${base}/send`, {
      method: "POST",
      json: {
        draft: draft({
          method: "POST",
          headers: [{ id: "h1", enabled: true, name: "X-Trace", value: "{{trace}}" }],
          bodyType: "application/json",
          body: '{"amount": 2000}',
        }),
        environment: { id: "env", name: "Default", variables: [{ name: "trace", value: "t-42", secret: false }] },
      },
    });
    expect(sent.status).toBe(200);
    const response = await sent.json();
    expect(response).toMatchObject({ outcome: "OK", status: 200, method: "POST", sentBy: "Member" });
    expect(JSON.parse(response.body)).toMatchObject({
      method: "POST",
      body: '{"amount": 2000}',
      headers: { "x-trace": "t-42", "content-type": "application/json" },
    });
    expect(JSON.parse(response.body).headers.cookie).toBeUndefined(); // the app's own session cookie is never forwarded

    const storage = await storageOf(document.roomId);
    expect(storage.response.current).toMatchObject({ id: response.id, status: 200 });
    expect(storage.history).toHaveLength(1);
    const row = await prisma.sentRequest.findUniqueOrThrow({ where: { id: response.id } });
    expect(row).toMatchObject({ outcome: "OK", status: 200, sentById: member.id });
    const reopened = await client.request(`${base}/sent/${response.id}`);
    expect((await reopened.json()).draft).toMatchObject({ method: "POST", body: '{"amount": 2000}' });
  });

  it("uses each person's own secret, masks it in what comes back, and never puts it in the room", async () => {
    const { owner, member, document, base } = await session();
    const [ownerClient, memberClient] = await Promise.all([as(owner), as(member)]);
    await ownerClient.request(`${base}/secrets`, {
      method: "POST",
      json: { intent: "set", environmentId: "env", name: "TOKEN", value: "owner-secret-1111" },
    });
    const set = await memberClient.request(`${base}/secrets`, {
      method: "POST",
      json: { intent: "set", environmentId: "env", name: "TOKEN", value: "member-secret-2222" },
    });
    expect(await set.json()).toEqual({ secrets: [{ environmentId: "env", name: "TOKEN", masked: "••••••••2222" }] });
    const environment = { id: "env", name: "Default", variables: [{ name: "TOKEN", value: "", secret: true }] };
    const before = target.received.length;
    const sent = await memberClient.request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ auth: { ...draft().auth, type: "bearer", token: "{{TOKEN}}" } }), environment },
    });
    expect(target.received[before]?.headers.authorization).toBe("Bearer member-secret-2222"); // hers, not the owner's
    const response = await sent.json();
    expect(response.body).toContain('"authorization": "••••••"');
    const everywhere = JSON.stringify([
      await storageOf(document.roomId),
      await prisma.sentRequest.findMany({ where: { documentId: document.id } }),
    ]);
    expect(everywhere).not.toContain("member-secret-2222");
    expect(everywhere).not.toContain("owner-secret-1111");
    const stored = await prisma.sessionSecret.findMany({ where: { documentId: document.id } });
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain("secret-");

    const unset = await (
      await as(await createMemberOf(document.workspaceId))
    ).request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ auth: { ...draft().auth, type: "bearer", token: "{{TOKEN}}" } }), environment },
    });
    expect(await unset.json()).toMatchObject({
      outcome: "REFUSED",
      error: expect.stringMatching(/set your own value/),
    });
  });

  it.each([
    ["cloud metadata", { url: "http://169.254.169.254/latest/meta-data/" }, /link-local/],
    ["an invalid URL", { url: "not a url" }, /not valid once variables are filled in/],
    ["an unknown method", { method: "BREW" }, /Choose a method/],
    [
      "a header with CR/LF",
      { headers: [{ id: "h", enabled: true, name: "X-A", value: "a\r\nInjected: yes" }] },
      /line breaks/,
    ],
    [
      "a header name with a colon",
      { headers: [{ id: "h", enabled: true, name: "Bad:Name", value: "x" }] },
      /header name/,
    ],
    [
      "a body over the cap",
      { method: "POST", bodyType: "text/plain", body: "x".repeat(300_000) },
      /larger than 256 kB/,
    ],
    ["an undefined variable", { url: "{{BASE}}/v1" }, /\{\{BASE\}\} is not defined/],
    ["a response over the cap", { url: `http://127.0.0.1:0/big?bytes=6000000` }, /larger than 5000 kB/],
  ])("refuses or fails %s, shows it in the room and records it", async (_label, overrides, message) => {
    const { member, document, base } = await session();
    const body = draft({
      ...overrides,
      url: String((overrides as { url?: string }).url ?? draft().url).replace(":0/", `:${target.port}/`),
    });
    const sent = await (
      await as(member)
    ).request(`${base}/send`, { method: "POST", json: { draft: body, environment: null } });
    expect(sent.status).toBe(200);
    const response = await sent.json();
    expect(["REFUSED", "FAILED"]).toContain(response.outcome);
    expect(response.error).toMatch(message);
    expect((await storageOf(document.roomId)).response.current).toMatchObject({
      id: response.id,
      outcome: response.outcome,
    });
    expect(await prisma.sentRequest.count({ where: { documentId: document.id, outcome: response.outcome } })).toBe(1);
  });

  it("answers 404 to outsiders and 403 to viewers", async () => {
    const { outsider, base, workspace } = await session();
    const viewer = await createUser("Viewer");
    await prisma.workspaceMembership.create({ data: { workspaceId: workspace.id, userId: viewer.id, role: "VIEWER" } });
    const json = { draft: draft(), environment: null };
    expect((await (await as(outsider)).request(`${base}/send`, { method: "POST", json })).status).toBe(404);
    expect((await (await as(viewer)).request(`${base}/send`, { method: "POST", json })).status).toBe(403);
  });
});

describe("chat, import and export", () => {
  it("posts chat with the real author, into the room and PostgreSQL", async () => {
    const { member, document, base } = await session();
    const client = await as(member);
    const posted = await client.request(`${base}/chat`, {
      method: "POST",
      json: { text: "  the 402 is a card decline  " },
    });
    expect(await posted.json()).toMatchObject({ authorName: "Member", text: "the 402 is a card decline" });
    expect((await storageOf(document.roomId)).chat).toEqual([
      expect.objectContaining({ authorId: member.id, text: "the 402 is a card decline" }),
    ]);
    expect(await prisma.chatMessage.count({ where: { documentId: document.id } })).toBe(1);
    const empty = await client.request(`${base}/chat`, { method: "POST", json: { text: "   " } });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toBe("Write a message.");
  });

  it("imports cURL, catalog operations and pasted specs, and explains bad input", async () => {
    const { member, base } = await session();
    const client = await as(member);
    const post = (json: unknown) => client.request(`${base}/import`, { method: "POST", json });
    const curl = await (
      await post({
        source: "curl",
        command: `curl -X POST 'https://api.stripe.com/v1/payment_intents?expand[]=customer' -u sk_test_x: -d amount=2000 -d currency=usd`,
      })
    ).json();
    expect(curl.draft).toMatchObject({
      method: "POST",
      url: "https://api.stripe.com/v1/payment_intents",
      bodyType: "application/x-www-form-urlencoded",
      body: "amount=2000&currency=usd",
      auth: { type: "basic", username: "sk_test_x" },
    });
    expect(curl.draft.query).toEqual([expect.objectContaining({ name: "expand[]", value: "customer" })]);

    const bad = await post({ source: "curl", command: "curl -H 'Content-Type: application/json https://x" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unclosed quote/);
    expect((await (await post({ source: "curl", command: "wget https://x" })).json()).error).toMatch(
      /starts with curl/,
    );

    const spec = await (
      await post({
        source: "spec",
        spec: "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\nservers: [{url: 'https://pets.example.com'}]\npaths:\n  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters: [{name: id, in: path, required: true}]\n",
      })
    ).json();
    expect(spec.draft).toMatchObject({ method: "GET", url: "https://pets.example.com/pets/{{id}}" });
    const badSpec = await post({ source: "spec", spec: '{"swagger": "2.0", "info": {}}' });
    expect((await badSpec.json()).error).toMatch(/Not a usable OpenAPI 3 document/);
    expect((await (await post({ source: "spec", spec: "paths: [" })).json()).error).toMatch(
      /neither valid JSON nor YAML/,
    );
  });

  it("exports to cURL and code in every supported language, secrets as placeholders", async () => {
    const { member, base } = await session();
    const client = await as(member);
    const languages = [
      "curl",
      "typescript",
      "javascript",
      "python",
      "go",
      "java",
      "ruby",
      "php",
      "csharp",
      "kotlin",
      "swift",
      "rust",
    ];
    const variables = [
      { name: "HOST", value: "https://api.example.com", secret: false },
      { name: "TOKEN", value: "", secret: true },
    ];
    for (const language of languages) {
      const response = await client.request(`${base}/export`, {
        method: "POST",
        json: {
          draft: draft({ url: "{{HOST}}/v1/things", auth: { ...draft().auth, type: "bearer", token: "{{TOKEN}}" } }),
          language,
          variables,
        },
      });
      const { code } = await response.json();
      expect(code, language).toContain("api.example.com/v1/things");
      expect(code, language).toContain("{{TOKEN}}");
    }
  });
});

describe("the server records every session", () => {
  it("records edits, sends, chat and joins with no browser at all, and ends the recording when the room is empty", async () => {
    const { member, document, base } = await session();
    const client = await as(member);
    // Asking for a token is what joining does; the recorder starts from it.
    expect(
      (await client.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } })).status,
    ).toBe(200);
    const recording = await waitFor(() => prisma.recording.findFirst({ where: { documentId: document.id } }));
    await new Promise((r) => setTimeout(r, 500));
    await liveblocks().mutateStorage(document.roomId, ({ root }) => {
      root.get("request")?.set("url", `${target.baseUrl}/json`);
    });
    await client.request(`${base}/send`, {
      method: "POST",
      json: { draft: draft({ url: `${target.baseUrl}/json` }), environment: null },
    });
    await client.request(`${base}/chat`, { method: "POST", json: { text: "recorded?" } });

    const ended = await waitFor(async () => {
      const row = await prisma.recording.findUnique({ where: { id: recording.id } });
      return row?.endedAt ? row : null;
    }, 15_000);
    expect(ended.eventCount).toBeGreaterThanOrEqual(3);
    const atEnd = await seek(recording.id, ended.durationMs);
    expect(atEnd).toMatchObject({
      request: { url: `${target.baseUrl}/json` },
      response: { status: 200 },
      chat: [expect.objectContaining({ text: "recorded?" })],
    });
    const atStart = await seek(recording.id, 0);
    expect(atStart?.request.url).toBe("");
    expect(atStart?.chat).toEqual([]);
  });
});

async function createMemberOf(workspaceId: string) {
  const user = await createUser("Third");
  await prisma.workspaceMembership.create({ data: { workspaceId, userId: user.id, role: "MEMBER" } });
  return user;
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  return eventually(probe, { timeout: timeoutMs, interval: 200 });
}
