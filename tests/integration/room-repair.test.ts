import { LiveList, type LiveMap, LiveObject, type Lson, type LsonObject } from "@liveblocks/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMessagesToRoom } from "~/ai/room-writer.server";
import { mirrorThread } from "~/comments/thread-mirror.server";
import { prisma } from "~/db/client.server";
import type { DocumentKind } from "~/generated/prisma/enums";
import { ROOM_KINDS } from "~/kinds";
import { createDocument } from "~/kinds/documents.server";
import { repairDocumentRoom } from "~/kinds/repair.server";
import { appendChat, writeResponse } from "~/requests/room-writes.server";
import type { SentResponse } from "~/requests/room-types";
import { liveblocks } from "~/rooms/liveblocks.server";
import { storageProblems } from "~/rooms/storage-schema";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { organizationWithPeople, TEST_PASSWORD } from "../support/factories";

/**
 * Repairing a room whose storage a client damaged: what each kind keeps, what it rebuilds
 * from PostgreSQL, what it resets; the endpoint's rules; and the server's own writes going
 * through a damaged room instead of failing. Garbage goes in through the REST API here (the
 * end-to-end tests write it with a member's token and the browser client).
 */
type Cast = Awaited<ReturnType<typeof organizationWithPeople>>;

async function documentOf(kind: DocumentKind, cast?: Cast) {
  const people = cast ?? (await organizationWithPeople());
  const document = await createDocument({
    workspaceId: people.workspace.id,
    kind,
    title: `Damaged ${kind.toLowerCase()}`,
    createdById: people.owner.id,
  });
  return { ...people, document };
}

const damage = (roomId: string, write: (root: LiveObject<LsonObject>) => void) =>
  liveblocks().mutateStorage(roomId, ({ root }) => write(root as unknown as LiveObject<LsonObject>));

const storage = async (roomId: string) =>
  (await liveblocks().getStorageDocument(roomId, "json")) as unknown as Record<string, any>;

/** What the kind's schema finds wrong with the room now, checked on the live tree like a browser does. */
async function problemsIn(roomId: string, kind: DocumentKind) {
  let problems: ReturnType<typeof storageProblems> = [];
  await liveblocks().mutateStorage(roomId, ({ root }) => {
    problems = storageProblems(ROOM_KINDS[kind].storageSchema, root);
  });
  return problems;
}

const sent = (id: string, at: string): SentResponse => ({
  id,
  outcome: "OK",
  method: "GET",
  url: "https://api.example.com/v1/things",
  status: 200,
  statusText: "OK",
  error: null,
  headers: [{ name: "content-type", value: "application/json" }],
  body: '{"ok":true}',
  bodyTruncated: false,
  contentType: "application/json",
  durationMs: 12,
  sizeBytes: 11,
  sentBy: "Owner",
  sentAt: at,
});

describe("repairing a damaged room", () => {
  it("a request room: keeps the valid draft and environments, drops their junk, rebuilds what the server wrote", async () => {
    const { document, owner } = await documentOf("REQUEST");
    await prisma.chatMessage.create({
      data: { documentId: document.id, authorId: owner.id, authorName: "Owner", text: "from the database" },
    });
    const send = sent(crypto.randomUUID(), "2026-11-29T10:00:00.000Z");
    await prisma.sentRequest.create({
      data: {
        id: send.id,
        documentId: document.id,
        sentById: owner.id,
        sentByName: "Owner",
        method: send.method,
        url: send.url,
        request: {},
        outcome: "OK",
        status: 200,
        statusText: "OK",
        responseHeaders: send.headers,
        responseBody: send.body,
        contentType: send.contentType,
        durationMs: send.durationMs,
        sizeBytes: send.sizeBytes,
        sentAt: new Date(send.sentAt),
      },
    });
    await damage(document.roomId, (root) => {
      const request = root.get("request") as LiveObject<LsonObject>;
      request.set("url", "https://api.stripe.com/v1/charges");
      request.set("method", 42);
      (request.get("query") as LiveList<Lson>).push(new LiveObject({ id: "q1", enabled: true, name: "a", value: "1" }));
      (request.get("query") as LiveList<Lson>).push("junk");
      (root.get("environments") as LiveList<Lson>).push(7);
      root.set("response", 42);
      root.set("history", new LiveList([{ id: "forged", outcome: "OK" }]));
      root.set("evil", "x".repeat(1000));
    });
    expect((await problemsIn(document.roomId, "REQUEST")).map((p) => p.path)).toEqual(
      expect.arrayContaining(["request.method", "request.query[1]", "environments[1]", "response"]),
    );

    const report = await repairDocumentRoom(document);
    expect(report).toEqual({
      fields: {
        request: "salvaged",
        environments: "salvaged",
        response: "rebuilt",
        history: "rebuilt",
        chat: "rebuilt",
      },
      removed: ["evil"],
    });
    const after = await storage(document.roomId);
    expect(after.request).toMatchObject({
      method: "GET",
      url: "https://api.stripe.com/v1/charges",
      query: [{ id: "q1", enabled: true, name: "a", value: "1" }],
    });
    expect(after.environments).toEqual([expect.objectContaining({ name: "Default" })]);
    expect(after.response).toEqual({ current: send });
    expect(after.history).toEqual([expect.objectContaining({ id: send.id, url: send.url, status: 200 })]);
    expect(after.chat).toEqual([expect.objectContaining({ authorName: "Owner", text: "from the database" })]);
    expect(after).not.toHaveProperty("evil");
    expect(await problemsIn(document.roomId, "REQUEST")).toEqual([]);
  });

  it("a canvas: keeps valid tldraw records, drops junk ones, rebuilds the thread mirrors from PostgreSQL", async () => {
    const { document, owner } = await documentOf("CANVAS");
    const thread = await prisma.commentThread.create({
      data: { documentId: document.id, shapeId: null, x: 10, y: 20, createdById: owner.id },
    });
    const shape = { id: "shape:card", typeName: "shape", type: "geo", x: 1, y: 2, props: { w: 10 } };
    await damage(document.roomId, (root) => {
      const records = root.get("records") as LiveMap<string, any>;
      records.set("shape:card", new LiveObject(shape));
      records.set("shape:junk", 42);
      records.set("shape:untyped", new LiveObject({ id: "shape:untyped" }));
      root.set("threads", "not a map");
    });

    const report = await repairDocumentRoom(document);
    expect(report.fields).toEqual({ records: "salvaged", tldrawSchema: "kept", threads: "rebuilt" });
    const after = await storage(document.roomId);
    expect(after.records).toEqual({ "shape:card": shape });
    expect(Object.keys(after.threads)).toEqual([thread.id]);
    expect(after.threads[thread.id]).toMatchObject({ shapeId: null, x: 10, y: 20, resolved: false, commentCount: 0 });
    expect(await problemsIn(document.roomId, "CANVAS")).toEqual([]);
  });

  it("a canvas whose records are not a map any more: an empty map, the canvas starts over", async () => {
    const { document } = await documentOf("CANVAS");
    await damage(document.roomId, (root) => root.set("records", { "shape:x": { id: "shape:x", typeName: "shape" } }));
    // The same JSON as a LiveMap's, but a plain object: the check looks at the live class.
    expect(await problemsIn(document.roomId, "CANVAS")).toEqual([
      { path: "records", problem: "should be a LiveMap, is a plain object" },
    ]);
    expect((await repairDocumentRoom(document)).fields.records).toBe("reset");
    expect((await storage(document.roomId)).records).toEqual({});
  });

  it("an AI chat: rebuilds the thread from AiMessage rows, with each billed answer's usage", async () => {
    const { document, owner } = await documentOf("AI");
    const question = await prisma.aiMessage.create({
      data: {
        documentId: document.id,
        role: "USER",
        mode: "GENERATE",
        language: "python",
        content: "Charge a card",
        authorId: owner.id,
      },
    });
    const answer = await prisma.aiMessage.create({
      data: {
        documentId: document.id,
        role: "ASSISTANT",
        mode: "GENERATE",
        language: "python",
        content: "Use stripe.PaymentIntent.create",
        authorId: owner.id,
        createdAt: new Date(question.createdAt.getTime() + 1000),
      },
    });
    await prisma.aiGeneration.create({
      data: {
        organizationId: (await prisma.workspace.findUniqueOrThrow({ where: { id: document.workspaceId } }))
          .organizationId,
        userId: owner.id,
        messageId: answer.id,
        day: new Date("2026-11-29"),
        model: "claude-sonnet-4-20250514",
        mode: "GENERATE",
        status: "BILLED",
        inputTokens: 100,
        outputTokens: 50,
        costUsd: 0.00105,
      },
    });
    await damage(document.roomId, (root) => {
      root.set("messages", new LiveList<Lson>([1, "junk", new LiveObject({ role: "assistant" })]) as never);
      (root.get("composer") as LiveObject<LsonObject>).set("language", "ruby");
    });

    const report = await repairDocumentRoom(document);
    expect(report.fields).toEqual({ scratchpad: "kept", composer: "kept", messages: "rebuilt" });
    const after = await storage(document.roomId);
    expect(after.composer).toMatchObject({ language: "ruby" });
    expect(after.messages).toEqual([
      expect.objectContaining({ id: question.id, role: "user", content: "Charge a card", authorName: "Owner" }),
      expect.objectContaining({
        id: answer.id,
        role: "assistant",
        status: "complete",
        chunks: [],
        usage: { model: "claude-sonnet-4-20250514", inputTokens: 100, outputTokens: 50, costUsd: 0.00105 },
      }),
    ]);
  });

  it("an approval board: resets what nothing can be kept of, and says its kind again", async () => {
    const { document } = await documentOf("APPROVALS");
    await damage(document.roomId, (root) => {
      root.set("scratchpad", 42);
      root.set("kind", "REQUEST");
    });
    expect(await repairDocumentRoom(document)).toEqual({ fields: { scratchpad: "reset" }, removed: [] });
    expect(await storage(document.roomId)).toEqual({ kind: "APPROVALS", scratchpad: { text: "" } });
  });

  it("leaves a healthy room as it is", async () => {
    const { document } = await documentOf("APPROVALS");
    await damage(document.roomId, (root) => (root.get("scratchpad") as LiveObject<LsonObject>).set("text", "notes"));
    expect(await repairDocumentRoom(document)).toEqual({ fields: { scratchpad: "kept" }, removed: [] });
    expect((await storage(document.roomId)).scratchpad).toEqual({ text: "notes" });
  });
});

describe("the server's own writes into a damaged room", () => {
  it("replace what a client put in place of the response, history, chat, thread or thread mirrors", async () => {
    const cast = await organizationWithPeople();
    const request = await documentOf("REQUEST", cast);
    const ai = await documentOf("AI", cast);
    const canvas = await documentOf("CANVAS", cast);
    await damage(request.document.roomId, (root) => {
      root.set("response", 42);
      root.set("history", "junk");
      root.set("chat", { not: "a list" });
    });
    await damage(ai.document.roomId, (root) => root.set("messages", new LiveList<Lson>([1, "junk"]) as never));
    await damage(canvas.document.roomId, (root) => root.set("threads", 42));
    const thread = await prisma.commentThread.create({
      data: { documentId: canvas.document.id, shapeId: null, x: 1, y: 2 },
    });

    const send = sent(crypto.randomUUID(), new Date().toISOString());
    await writeResponse(request.document.roomId, send);
    const chat = { id: "c1", authorId: cast.owner.id, authorName: "Owner", color: "#000", text: "hi", at: send.sentAt };
    await appendChat(request.document.roomId, chat);
    await addMessagesToRoom(ai.document.roomId, [
      {
        id: "m1",
        role: "user",
        mode: "GENERATE",
        language: "python",
        apiSlug: null,
        authorName: "Owner",
        content: "hello",
        code: null,
        errorText: null,
        status: "complete",
        failure: null,
        source: "claude",
        usage: null,
        createdAt: 1,
        updatedAt: 1,
      },
    ]);
    await mirrorThread(canvas.document.roomId, thread.id);

    const requestRoom = await storage(request.document.roomId);
    expect(requestRoom.response).toEqual({ current: send });
    expect(requestRoom.history).toEqual([expect.objectContaining({ id: send.id })]);
    expect(requestRoom.chat).toEqual([chat]);
    expect((await storage(ai.document.roomId)).messages).toEqual([
      1,
      "junk",
      expect.objectContaining({ id: "m1", content: "hello" }),
    ]);
    expect(Object.keys((await storage(canvas.document.roomId)).threads)).toEqual([thread.id]);
  });
});

describe("the repair endpoint", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const as = async (user: { email: string }) => {
    const client = new CookieClient(app.baseUrl);
    await client.logIn(user.email, TEST_PASSWORD);
    return client;
  };

  it("repairs for people who may write, refuses viewers, hides the room from outsiders, and limits the rate", async () => {
    const { document, member, viewer, outsider } = await documentOf("APPROVALS");
    await damage(document.roomId, (root) => root.set("scratchpad", 42));
    const path = `/w/${document.workspaceId}/d/${document.id}/repair`;

    const byViewer = await (await as(viewer)).request(path, { method: "POST" });
    expect(byViewer.status).toBe(403);
    const byOutsider = await (await as(outsider)).request(path, { method: "POST" });
    expect(byOutsider.status).toBe(404);
    expect((await storage(document.roomId)).scratchpad).toBe(42);

    const client = await as(member);
    expect((await client.request(path)).status).toBe(405);
    const repaired = await client.request(path, { method: "POST" });
    expect(repaired.status).toBe(200);
    expect(await repaired.json()).toEqual({ fields: { scratchpad: "reset" }, removed: [] });
    expect((await storage(document.roomId)).scratchpad).toEqual({ text: "" });

    // Counters use fixed one-minute windows: start the burst well inside one (ten repairs took
    // over ten seconds on a loaded two-core machine), from a clean count, so the repair above
    // counts the same whichever window it fell in.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    await prisma.rateLimitBucket.deleteMany({ where: { key: `repair:${member.id}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.request(path, { method: "POST" })).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
  }, 90_000);
});
