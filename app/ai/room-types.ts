import type { LiveList } from "@liveblocks/client";

/**
 * One message of an AI chat thread as the room shows it. The server writes every field
 * (docs/decisions/021-streaming-answers-into-rooms.md): an answer's text arrives in
 * `chunks` while it streams (append-only, so each write carries only the new text), and
 * is folded into `content` when it ends. PostgreSQL keeps the thread's history.
 */
export type AiChatMessage = {
  id: string;
  role: "user" | "assistant";
  mode: "GENERATE" | "EXPLAIN" | "DEBUG";
  language: string;
  apiSlug: string | null;
  authorName: string;
  content: string;
  chunks: LiveList<string>;
  /** Explain and debug: the pasted code and error. */
  code: string | null;
  errorText: string | null;
  status: "streaming" | "complete" | "error";
  failure: string | null;
  /** "claude": a model's answer; "spec": generated from the OpenAPI spec with AI off. */
  source: "claude" | "spec";
  usage: { model: string; inputTokens: number; outputTokens: number; costUsd: number } | null;
  createdAt: number;
  /** Server clock (ms) of the last write: shows liveness, and benchmarks measure delay with it. */
  updatedAt: number;
};

/** What the next question will be about; shared, so the room agrees on it. */
export type AiComposer = { mode: "GENERATE" | "EXPLAIN" | "DEBUG"; language: string; apiSlug: string | null };
