import { formatCount } from "~/format/numbers";
import { APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import type { MessageCreateParamsStreaming } from "@anthropic-ai/sdk/resources/messages";
import { prisma } from "~/db/client.server";
import { claudeClient } from "./claude.server";
import { GENERATION, type ModelInfo } from "./model-settings";
import { RoomMessageStream, type MessageSnapshot } from "./room-writer.server";
import { closeGeneration, type ReportedUsage } from "./usage.server";

/**
 * Runs one answer on the server, independent of whoever asked: it streams from Claude,
 * writes the text into the room for everyone as it arrives, saves it to PostgreSQL, and
 * closes the usage record. Closing the asker's tab changes nothing here.
 *
 * Failures (docs/decisions/022-ai-failures-and-billing.md): the SDK retries requests
 * Claude refused before answering (429 with its retry-after, 5xx, 529 overloaded). A
 * stream that breaks before any text reached the room is started once more: nobody has
 * seen anything, so a fresh answer is safe. A stream that breaks after text was shown
 * ends the message with what arrived and says why: a second answer would not continue
 * the first. Each attempt the API reported usage for is billed once, as reported.
 */
export type GenerationJob = {
  generationId: string;
  roomId: string;
  /** Messages to add to the room before the answer (the question). */
  preamble: MessageSnapshot[];
  snapshot: MessageSnapshot;
  model: ModelInfo;
  system: string;
  messages: { role: "user" | "assistant"; content: string }[];
};

export type GenerationOptions = { idleTimeoutMs?: number; flushMs?: number };

const running = new Set<Promise<void>>();

/** Starts the generation and returns at once; the work continues after the request ends. */
export function startGeneration(job: GenerationJob, options: GenerationOptions = {}) {
  const task: Promise<void> = runGeneration(job, options)
    .catch((error) =>
      console.error(
        `ai: generation ${job.generationId} crashed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    )
    .finally(() => running.delete(task));
  running.add(task);
}

/** Resolves when every running generation has finished (graceful shutdown, tests). */
export async function settleGenerations() {
  while (running.size) await Promise.all([...running]);
}

export function runningGenerations() {
  return running.size;
}

type Attempt = {
  completed: boolean;
  usage: ReportedUsage | null;
  textSeen: boolean;
  stopReason: string | null;
  error: unknown;
};

class StreamIdleError extends Error {}
class StreamEndedEarlyError extends Error {}

export async function runGeneration(job: GenerationJob, options: GenerationOptions = {}) {
  const room = new RoomMessageStream(job.roomId, job.snapshot, options.flushMs ?? GENERATION.roomFlushMs, job.preamble);
  try {
    await generate(job, room, options.idleTimeoutMs ?? GENERATION.idleTimeoutMs);
  } finally {
    room.release();
  }
}

async function generate(job: GenerationJob, room: RoomMessageStream, idleTimeoutMs: number) {
  let requests = 0;
  const client = claudeClient({ onAttempt: () => requests++ });

  let lastSaved = Date.now();
  let saving: Promise<unknown> | undefined;
  const onText = (text: string) => {
    room.append(text);
    if (!saving && Date.now() - lastSaved >= GENERATION.databaseFlushMs) {
      lastSaved = Date.now();
      saving = prisma.aiMessage
        .update({ where: { id: job.snapshot.id }, data: { content: room.fullText } })
        .catch(() => {})
        .finally(() => (saving = undefined));
    }
  };

  const usage: ReportedUsage = { inputTokens: 0, outputTokens: 0 };
  let billed = false;
  let last: Attempt;
  for (let restart = 0; ; restart++) {
    last = await streamOnce(client, job, idleTimeoutMs, onText);
    if (last.usage) {
      billed = true;
      usage.inputTokens += last.usage.inputTokens;
      usage.outputTokens += last.usage.outputTokens;
    }
    if (last.completed || last.textSeen || restart >= GENERATION.maxStreamRestarts || !restartable(last.error)) break;
  }

  let content = room.fullText;
  if (last.completed && last.stopReason === "max_tokens") {
    content += `\n\n_(The answer stopped at the ${formatCount(GENERATION.maxTokens)}-token limit.)_`;
  }
  const failure = last.completed ? null : describeFailure(last.error, last.textSeen, requests);
  const closed = await closeGeneration({
    generationId: job.generationId,
    model: job.model,
    billed,
    usage,
    attempts: requests,
  });
  await saving;
  await prisma.aiMessage.update({
    where: { id: job.snapshot.id },
    data: { content, status: failure ? "ERROR" : "COMPLETE", failure },
  });
  await room.finish({
    content,
    status: failure ? "error" : "complete",
    failure,
    usage: closed.billed
      ? {
          model: job.model.id,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          costUsd: closed.costUsd,
        }
      : null,
  });
  console.log(
    `ai: generation ${job.generationId} ${failure ? "failed" : "completed"} model=${job.model.id} requests=${requests} in=${usage.inputTokens} out=${usage.outputTokens}${failure ? ` error=${errorLabel(last.error)}` : ""}`,
  );
}

async function streamOnce(
  client: ReturnType<typeof claudeClient>,
  job: GenerationJob,
  idleTimeoutMs: number,
  onText: (text: string) => void,
): Promise<Attempt> {
  const attempt: Attempt = { completed: false, usage: null, textSeen: false, stopReason: null, error: null };
  const controller = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  let idledOut = false;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      idledOut = true;
      controller.abort();
    }, idleTimeoutMs);
  };
  try {
    // The SDK's own timeout and retries cover the wait for the response to begin;
    // the idle watch covers silence once it has.
    const stream = await client.messages.create(requestBody(job), { signal: controller.signal });
    watch();
    for await (const event of stream) {
      watch();
      if (event.type === "message_start") {
        attempt.usage = {
          inputTokens: event.message.usage.input_tokens,
          outputTokens: event.message.usage.output_tokens,
        };
      } else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
        attempt.textSeen = true;
        onText(event.delta.text);
      } else if (event.type === "message_delta") {
        // message_delta's usage is cumulative for the message: take it, don't add it.
        attempt.usage ??= { inputTokens: 0, outputTokens: 0 };
        attempt.usage.outputTokens = event.usage.output_tokens;
        if (typeof event.usage.input_tokens === "number")
          attempt.usage.inputTokens = Math.max(attempt.usage.inputTokens, event.usage.input_tokens);
        attempt.stopReason = event.delta.stop_reason ?? null;
      } else if (event.type === "message_stop") {
        attempt.completed = true;
      }
    }
    if (!attempt.completed) attempt.error = idledOut ? new StreamIdleError() : new StreamEndedEarlyError();
  } catch (error) {
    attempt.error = idledOut ? new StreamIdleError() : error;
  } finally {
    clearTimeout(idle);
  }
  return attempt;
}

/**
 * The Messages API request. `temperature` is still accepted by the API for these models
 * but no longer typed by SDK 1.x (deprecated for newer models); the SDK sends the body
 * as given, so it is added here, checked by the fake server's tests.
 */
export function requestBody(job: Pick<GenerationJob, "model" | "system" | "messages">): MessageCreateParamsStreaming {
  const body: MessageCreateParamsStreaming & { temperature: number } = {
    model: job.model.id,
    max_tokens: GENERATION.maxTokens,
    temperature: GENERATION.temperature,
    system: job.system,
    messages: job.messages,
    stream: true,
  };
  return body;
}

/** Worth a fresh attempt (before anything was shown): the stream broke, not the request. */
function restartable(error: unknown): boolean {
  if (error instanceof StreamIdleError || error instanceof StreamEndedEarlyError) return true;
  if (error instanceof APIError) {
    // An `error` event inside the stream has no status; overloaded and api errors pass.
    if (error.status === undefined)
      return error.type === "overloaded_error" || error.type === "api_error" || error.type === null;
    return false; // the SDK already retried what was retryable
  }
  return true; // connection reset, socket hang-up, ...
}

function errorLabel(error: unknown): string {
  if (error instanceof APIError)
    return `${error.constructor.name}(${error.status ?? "stream"}${error.type ? `,${error.type}` : ""})`;
  return error instanceof Error ? error.constructor.name : "unknown";
}

/** What a person reads at the end of an answer that failed. */
export function describeFailure(error: unknown, textSeen: boolean, requests: number): string {
  const kept = textSeen ? " What arrived before is kept above." : "";
  const tries = requests > 1 ? ` (after ${requests} tries)` : "";
  if (error instanceof StreamIdleError)
    return `Claude stopped sending for ${Math.round(GENERATION.idleTimeoutMs / 1000)} s, so the answer was ended.${kept} Ask again to retry.`;
  if (error instanceof APIConnectionTimeoutError)
    return `Claude did not start answering in time${tries}. Ask again in a minute.`;
  if (error instanceof APIError) {
    if (error.status === 429) {
      const wait = error.headers?.get("retry-after");
      return `Claude is rate-limiting this server's API key${tries}.${wait ? ` Anthropic asks to wait ${wait} s.` : ""} Try again shortly.`;
    }
    if (error.status === 529 || error.type === "overloaded_error")
      return `Claude is overloaded right now${tries}.${kept} Try again in a minute.`;
    if (error.status === 401 || error.status === 403)
      return "The server's Anthropic API key was refused. An admin needs to check ANTHROPIC_API_KEY.";
    if (error.status === 400) return `Claude refused the request: ${error.apiMessage ?? "it was malformed"}.`;
    if (error.status !== undefined && error.status >= 500)
      return `Claude's API failed with an error ${error.status}${tries}. Try again shortly.`;
    if (error.status === undefined)
      return `Claude reported an error mid-answer (${error.type ?? "unknown"}).${kept} Ask again to retry.`;
  }
  return textSeen
    ? "The connection to Claude dropped mid-answer. What arrived before is kept above; ask again to retry."
    : `Could not reach Claude${tries}. Try again shortly.`;
}
