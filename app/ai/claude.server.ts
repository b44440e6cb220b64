import Anthropic from "@anthropic-ai/sdk";
import { env } from "~/config/env.server";
import { GENERATION } from "./model-settings";

/**
 * The Anthropic client, from configuration: ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for
 * a proxy, or the local fake server in tests). Without a key the playground runs with AI
 * off (app/ai/spec-answer.server.ts).
 */
export function aiEnabled(): boolean {
  return Boolean(env().ANTHROPIC_API_KEY);
}

/**
 * A client for one generation. `onAttempt` is called for every HTTP request the SDK
 * sends, retries included, so the usage record can say how many it took.
 */
export function claudeClient({ onAttempt }: { onAttempt?: () => void } = {}) {
  const { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL } = env();
  if (!ANTHROPIC_API_KEY) throw new Error("AI is off: ANTHROPIC_API_KEY is not set");
  return new Anthropic({
    apiKey: ANTHROPIC_API_KEY,
    // Explicit, so a stray ANTHROPIC_* variable of the SDK's own can't redirect calls.
    baseURL: ANTHROPIC_BASE_URL ?? "https://api.anthropic.com",
    maxRetries: GENERATION.maxRetries,
    timeout: GENERATION.requestTimeoutMs,
    // Requests carry people's prompts: never let the SDK's debug logging print them.
    logLevel: "warn",
    middleware: onAttempt
      ? [
          (request, next) => {
            onAttempt();
            return next(request);
          },
        ]
      : [],
  });
}

export type ClaudeClient = ReturnType<typeof claudeClient>;
