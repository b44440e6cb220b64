import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server speaking the Anthropic Messages API's wire format, for the real
 * @anthropic-ai/sdk to talk to through its baseURL: POST /v1/messages with
 * `stream: true` answers with server-sent events exactly as api.anthropic.com sends them
 * (message_start, content_block_start, ping, content_block_delta, content_block_stop,
 * message_delta with usage, message_stop, and `error` events), and non-2xx answers carry
 * Anthropic's JSON error bodies and headers (request-id, retry-after, x-should-retry).
 *
 * What each request does is scripted: `script([...])` queues behaviours taken one per
 * request; with none queued the default answer streams. A prompt can also carry its own
 * behaviour, `[[fake: {"kind":"answer","chunkDelayMs":80}]]`, which suits tests running
 * in parallel against one server (the e2e browsers). GET /__fake/requests lists what was
 * received, POST /__fake/script queues behaviours from other processes.
 */
export type Behaviour =
  | { kind: "answer"; text?: string; chunkDelayMs?: number; firstTokenDelayMs?: number; stopReason?: string }
  /** Answers with an HTTP error before streaming (the SDK retries these itself). */
  | { kind: "status"; status: 429 | 500 | 503 | 529 | 401 | 400; retryAfterSeconds?: number }
  /** Streams part of the answer, then cuts the connection. */
  | { kind: "drop"; afterChunks: number; text?: string }
  /** Streams part of the answer, then sends an SSE `error` event (mid-stream overload). */
  | { kind: "stream-error"; afterChunks: number; errorType?: string; text?: string }
  /** Starts the message, then goes silent (for idle timeouts). */
  | { kind: "stall" };

export type RecordedRequest = {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> & { messages?: unknown[]; system?: unknown };
  raw: string;
};

export type FakeAnthropicOptions = { apiKey: string; defaultChunkDelayMs?: number; defaultFirstTokenDelayMs?: number };

export const DEFAULT_ANSWER =
  'Here is a working call, with the key read from the environment:\n\n```typescript\nconst response = await fetch("https://api.example.com/v1/things", {\n  headers: { Authorization: `Bearer ${process.env.EXAMPLE_API_KEY}` },\n});\nconsole.log(await response.json());\n```\n\nInstall nothing: fetch is built in.';

/** Splits text the way a model streams it: a word or a few characters per delta. */
export function tokensOf(text: string): string[] {
  return text.match(/\s*\S{1,6}|\s+/g) ?? [];
}

export async function startFakeAnthropic(options: FakeAnthropicOptions) {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  let active = 0;
  let peakActive = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = await readBody(req);

    if (url.pathname === "/__fake/script" && req.method === "POST") {
      queue.push(...(JSON.parse(raw || "[]") as Behaviour[]));
      return json(res, 200, { queued: queue.length });
    }
    if (url.pathname === "/__fake/requests") {
      if (req.method === "DELETE") requests.length = 0;
      return json(res, 200, requests);
    }
    if (url.pathname !== "/v1/messages" || req.method !== "POST") {
      return apiError(res, 404, "not_found_error", `No route for ${req.method} ${url.pathname}`);
    }

    let body: RecordedRequest["body"];
    try {
      body = JSON.parse(raw);
    } catch {
      return apiError(res, 400, "invalid_request_error", "Request body is not valid JSON.");
    }
    requests.push({ at: Date.now(), headers: req.headers, body, raw });
    // SDK 1.x sends the key as a bearer token; older clients use x-api-key. The API takes both.
    const key = req.headers["x-api-key"] ?? req.headers.authorization?.replace(/^Bearer /i, "");
    if (key !== options.apiKey) return apiError(res, 401, "authentication_error", "invalid x-api-key");
    if (!req.headers["anthropic-version"])
      return apiError(res, 400, "invalid_request_error", "anthropic-version header is required");
    if (
      typeof body.model !== "string" ||
      typeof body.max_tokens !== "number" ||
      !Array.isArray(body.messages) ||
      body.messages.length === 0
    ) {
      return apiError(res, 400, "invalid_request_error", "model, max_tokens and messages are required");
    }

    const behaviour: Behaviour = directiveIn(body.messages) ?? queue.shift() ?? { kind: "answer" };
    if (behaviour.kind === "status") {
      const type = {
        429: "rate_limit_error",
        500: "api_error",
        503: "api_error",
        529: "overloaded_error",
        401: "authentication_error",
        400: "invalid_request_error",
      }[behaviour.status];
      const headers: Record<string, string> =
        behaviour.retryAfterSeconds !== undefined ? { "retry-after": String(behaviour.retryAfterSeconds) } : {};
      return apiError(
        res,
        behaviour.status,
        type,
        type === "overloaded_error" ? "Overloaded" : "Simulated failure",
        headers,
      );
    }

    active++;
    peakActive = Math.max(peakActive, active);
    res.on("close", () => active--);
    const text = ("text" in behaviour && behaviour.text) || DEFAULT_ANSWER;
    const tokens = tokensOf(text);
    const chunkDelay = (behaviour.kind === "answer" && behaviour.chunkDelayMs) ?? options.defaultChunkDelayMs ?? 2;
    const firstDelay =
      (behaviour.kind === "answer" && behaviour.firstTokenDelayMs) ?? options.defaultFirstTokenDelayMs ?? 0;
    const inputTokens = Math.ceil(
      (JSON.stringify(body.system ?? "").length + JSON.stringify(body.messages).length) / 4,
    );

    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "request-id": `req_${randomUUID().replace(/-/g, "")}`,
      "anthropic-organization-id": randomUUID(),
    });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const id = `msg_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
    send("message_start", {
      type: "message_start",
      message: {
        id,
        type: "message",
        role: "assistant",
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
          service_tier: "standard",
        },
      },
    });
    if (behaviour.kind === "stall") return; // the client's idle timeout ends it
    send("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
    send("ping", { type: "ping" });
    if (firstDelay) await sleep(firstDelay);

    const cutAt = behaviour.kind === "drop" || behaviour.kind === "stream-error" ? behaviour.afterChunks : Infinity;
    for (let i = 0; i < tokens.length; i++) {
      if (res.destroyed) return;
      if (i === cutAt) {
        if (behaviour.kind === "drop") {
          // Let what was written reach the client first: a reset discards unsent data.
          await sleep(30);
          req.socket.destroy();
          return;
        }
        send("error", {
          type: "error",
          error: {
            type: behaviour.kind === "stream-error" ? (behaviour.errorType ?? "overloaded_error") : "api_error",
            message: "Overloaded",
          },
        });
        res.end();
        return;
      }
      send("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: tokens[i] },
      });
      if (chunkDelay) await sleep(chunkDelay);
    }
    send("content_block_stop", { type: "content_block_stop", index: 0 });
    send("message_delta", {
      type: "message_delta",
      delta: { stop_reason: (behaviour.kind === "answer" && behaviour.stopReason) || "end_turn", stop_sequence: null },
      usage: { output_tokens: tokens.length },
    });
    send("message_stop", { type: "message_stop" });
    res.end();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (...behaviours: Behaviour[]) => queue.push(...behaviours),
    pending: () => queue.length,
    peakConcurrentStreams: () => peakActive,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeAnthropic = Awaited<ReturnType<typeof startFakeAnthropic>>;

function apiError(
  res: http.ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_${randomUUID().replace(/-/g, "")}`,
    ...(status === 529 || status >= 500 ? { "x-should-retry": "true" } : {}),
    ...headers,
  });
  res.end(
    JSON.stringify({ type: "error", error: { type, message }, request_id: `req_${randomUUID().replace(/-/g, "")}` }),
  );
}

/** A behaviour written into the last user message: `[[fake: {...}]]`. */
function directiveIn(messages: unknown[]): Behaviour | null {
  const last = messages.at(-1) as { content?: unknown } | undefined;
  const text = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
  const match = /\[\[fake: (\{.*?\})\]\]/s.exec(text);
  return match ? (JSON.parse(match[1]!) as Behaviour) : null;
}

function json(res: http.ServerResponse, status: number, data: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(data));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage) {
  return new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });
}
