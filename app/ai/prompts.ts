import { LANGUAGES, type LanguageId } from "~/codegen/languages";
import { HTTP_CLIENTS, officialSdk } from "./sdk-hints";

/**
 * What Claude is asked: a system prompt per mode (with the API grounding), and the
 * thread's earlier turns so follow-ups ("now add retries") make sense.
 */
export type Mode = "GENERATE" | "EXPLAIN" | "DEBUG";

export type Turn = {
  role: "USER" | "ASSISTANT";
  mode: Mode;
  language: string;
  content: string;
  code: string | null;
  errorText: string | null;
};

const MODE_INSTRUCTIONS: Record<Mode, string> = {
  GENERATE:
    "Write working client code for what the user asks. Answer with one short sentence, then one complete, runnable code block, then at most three short notes (install command, what to replace, a pitfall). Handle HTTP errors the way the SDK or client does idiomatically.",
  EXPLAIN:
    "Explain the user's code: what it does step by step, which API operations it calls and with what, and anything risky (secrets in code, missing error handling, wrong parameters per the spec). Be concise; quote code only where it helps.",
  DEBUG:
    "The user has code and an error. Find the cause, say it in one or two sentences, then give the corrected code in one complete code block, and say what changed. If the spec shows the request is malformed, say which field.",
};

export function systemPrompt(input: {
  mode: Mode;
  language: LanguageId;
  apiSlug: string | null;
  grounding: string | null;
}): string {
  const language = LANGUAGES[input.language].label;
  const sdk = officialSdk(input.apiSlug, input.language);
  const client = sdk
    ? `Use the provider's official SDK, ${sdk}: it is what ${language} developers use for this API.`
    : `This API has no official ${language} SDK we know of: use ${HTTP_CLIENTS[input.language]}.`;
  return [
    "You are the AI code playground of APIMarketplace Pro, a workspace where developer teams write and test calls to third-party APIs. Several teammates read your answers live.",
    MODE_INSTRUCTIONS[input.mode],
    `Language: ${language}. Write idiomatic, modern ${language}. ${client} Fence code blocks with the language name (\`\`\`${fenceName(input.language)}).`,
    "Secrets: API keys are never in the conversation. Code reads them from the environment variable named below; never invent, print or hard-code a key.",
    input.grounding
      ? `The API, from its OpenAPI spec (trust it over your memory for paths, parameters and auth):\n<api>\n${input.grounding}\n</api>`
      : "No API was chosen: if the question needs one, say which catalog API fits or ask.",
  ].join("\n\n");
}

export function fenceName(language: LanguageId): string {
  return language === "curl" ? "bash" : language;
}

/** A user turn as the model reads it: the question, plus the pasted code and error. */
export function userTurnText(turn: Pick<Turn, "mode" | "content" | "code" | "errorText" | "language">): string {
  const parts = [turn.content.trim() || (turn.mode === "EXPLAIN" ? "Explain this code." : "Why does this fail?")];
  if (turn.code) parts.push(`Code:\n\`\`\`\n${turn.code}\n\`\`\``);
  if (turn.errorText) parts.push(`Error:\n\`\`\`\n${turn.errorText}\n\`\`\``);
  return parts.join("\n\n");
}

/** Budget for earlier turns, in characters (about 4 per token): long threads keep their latest turns. */
export const HISTORY_CHAR_BUDGET = 48_000;

/**
 * The messages for the Messages API: earlier turns (newest kept first when over budget),
 * then the new question. Roles must alternate starting with the user, so turns without
 * an answer (failed before any text) are merged into the next question.
 */
export function conversation(history: Turn[], question: Turn): { role: "user" | "assistant"; content: string }[] {
  const messages: { role: "user" | "assistant"; content: string }[] = [];
  for (const turn of [...history, question]) {
    const role = turn.role === "USER" ? "user" : "assistant";
    const content = turn.role === "USER" ? userTurnText(turn) : turn.content.trim();
    if (!content) continue;
    const last = messages.at(-1);
    if (last?.role === role) last.content += `\n\n${content}`;
    else messages.push({ role, content });
  }
  const startsWithAnswer = () => messages[0]?.role === "assistant" && messages.length > 1;
  while (startsWithAnswer()) messages.shift();
  // Drop the oldest exchanges until the history fits, always keeping the question.
  let total = messages.reduce((n, m) => n + m.content.length, 0);
  while (total > HISTORY_CHAR_BUDGET && messages.length > 1) {
    total -= messages.shift()!.content.length;
    while (startsWithAnswer()) total -= messages.shift()!.content.length;
  }
  return messages;
}
