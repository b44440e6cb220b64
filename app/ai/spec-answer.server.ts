import { operationToRequest } from "~/catalog/openapi";
import { generateRequestCode } from "~/codegen/codegen.server";
import { LANGUAGES, type LanguageId } from "~/codegen/languages";
import { rankOperations, type GroundingApi } from "./grounding";
import { fenceName, type Mode } from "./prompts";
import { AI_OFF_LABEL } from "./spec-answer-label";

/**
 * The playground with AI off (no ANTHROPIC_API_KEY): generate still answers, with request
 * code written deterministically from the chosen OpenAPI operation by httpsnippet (the
 * same operation ranking that grounds Claude picks it), and says so. Explain and debug
 * need a model, so they say that AI is off.
 */

export function specAnswer(input: {
  mode: Mode;
  language: LanguageId;
  api: GroundingApi | null;
  question: string;
  envVarName: string | null;
}): string {
  if (input.mode !== "GENERATE") {
    return `**AI is off on this server** (no Anthropic API key is configured), so Claude can't ${input.mode === "EXPLAIN" ? "explain code" : "debug errors"} here. Generate still works: pick an API and describe the call, and you get request code written from its OpenAPI spec.`;
  }
  if (!input.api) {
    return `**AI is off on this server**, so answers are written from an API's OpenAPI spec. Choose an API above, then describe the call you want.`;
  }
  const [best] = rankOperations(input.api.operations, input.question);
  if (!best) return `**AI is off**, and ${input.api.name} has no operations in its spec to generate code from.`;
  const { operation } = best;
  const request = operationToRequest(input.api.document, operation, {
    secretPlaceholder: input.envVarName ?? "API_KEY",
  });
  const code = generateRequestCode(request, input.language);
  const guess =
    best.score > 0
      ? "the operation that best matches your request"
      : "the spec's first operation (nothing in your request matched an operation by name)";
  return [
    `**${AI_OFF_LABEL}.** ${LANGUAGES[input.language].label} for ${guess}: \`${operation.method} ${operation.path}\` (${operation.summary}).`,
    `\`\`\`${fenceName(input.language)}\n${code.trimEnd()}\n\`\`\``,
    `Replace \`{{${input.envVarName ?? "API_KEY"}}}\` with the key from your environment and fill in any other \`{{placeholders}}\`. Set ANTHROPIC_API_KEY on the server for answers written by Claude.`,
  ].join("\n\n");
}
