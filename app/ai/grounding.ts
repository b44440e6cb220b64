import type { OpenApiDocument, OpenApiOperation } from "~/catalog/openapi";
import { baseUrlOf } from "~/catalog/openapi";

/**
 * What the model is told about the chosen API: its base URL, how it authenticates, and
 * the operations that matter for this question, taken from its OpenAPI spec.
 *
 * Why select instead of pasting the spec: real specs run to megabytes (Stripe's is ~6 MB)
 * while a question is about one to three operations. Sending all of it costs input
 * tokens on every turn and dilutes the model's attention. So operations are ranked by how
 * many of the question's words appear in their id, summary, description, path and
 * parameter names (ids and paths are split into words: createPaymentIntent -> create,
 * payment, intent), the best few are described in full, and every other operation is
 * listed as one line (method, path, summary) so the model still knows what exists and
 * can ask for it. A character budget caps the whole block.
 */
export const GROUNDING_LIMITS = { detailedOperations: 4, indexLines: 60, maxChars: 12_000 } as const;

export type GroundingApi = {
  name: string;
  slug: string;
  baseUrl: string;
  document: OpenApiDocument;
  operations: OpenApiOperation[];
};

const STOP_WORDS = new Set(
  "a an and the to of for in on with by from at is are be it this that how what do does i me my we our you your can could should would use using via api call code write show get make please want need".split(
    " ",
  ),
);

export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map(stem);
}

/** Crude plural folding, enough to match "messages" with "message" and "charges" with "charge". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function operationText(op: OpenApiOperation): string {
  return [
    op.operationId,
    op.summary,
    op.description ?? "",
    op.path,
    op.method,
    ...op.parameters.map((p) => p.name),
  ].join(" ");
}

/** Operations ranked by relevance to the question; ties keep the spec's order. */
export function rankOperations(
  operations: OpenApiOperation[],
  question: string,
): { operation: OpenApiOperation; score: number }[] {
  const questionWords = wordsOf(question);
  const wanted = new Set(questionWords);
  // People lead with the action ("refund a charge", "list my customers"): an operation
  // matching the first word breaks ties between operations matching as many words.
  const lead = questionWords[0];
  return operations
    .map((operation, index) => {
      const words = new Set(wordsOf(operationText(operation)));
      let score = 0;
      for (const w of wanted) if (words.has(w)) score += 1;
      // The method named as a verb ("delete a customer") is a strong hint.
      if (wanted.has(operation.method.toLowerCase())) score += 0.5;
      if (lead && words.has(lead)) score += 0.5;
      return { operation, score, index };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ operation, score }) => ({ operation, score }));
}

export function selectOperations(operations: OpenApiOperation[], question: string): OpenApiOperation[] {
  const ranked = rankOperations(operations, question).filter((r) => r.score > 0);
  return ranked.slice(0, GROUNDING_LIMITS.detailedOperations).map((r) => r.operation);
}

function describeSchema(schema: Record<string, unknown> | undefined): string {
  if (!schema) return "";
  const properties = schema.properties as Record<string, { type?: string; description?: string }> | undefined;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  if (!properties) return typeof schema.type === "string" ? schema.type : "";
  return Object.entries(properties)
    .map(
      ([name, p]) =>
        `      - ${name}${required.has(name) ? " (required)" : ""}: ${p.type ?? "object"}${p.description ? ` — ${p.description}` : ""}`,
    )
    .join("\n");
}

function describeOperation(op: OpenApiOperation): string {
  const lines = [`- ${op.method} ${op.path} (operationId ${op.operationId}): ${op.summary}`];
  if (op.description && op.description !== op.summary) lines.push(`    ${op.description.split("\n")[0]}`);
  for (const p of op.parameters) {
    lines.push(
      `    ${p.in} parameter ${p.name}${p.required ? " (required)" : ""}${p.schema?.type ? `: ${String(p.schema.type)}` : ""}${p.description ? ` — ${p.description}` : ""}`,
    );
  }
  if (op.requestBody) {
    lines.push(`    body (${op.requestBody.contentType}${op.requestBody.required ? ", required" : ""}):`);
    const schema = describeSchema(op.requestBody.schema);
    if (schema) lines.push(schema);
    if (op.requestBody.example !== undefined) lines.push(`    example body: ${JSON.stringify(op.requestBody.example)}`);
  }
  return lines.join("\n");
}

function describeAuth(document: OpenApiDocument, envVarName: string): string {
  const schemes = Object.entries(document.components?.securitySchemes ?? {});
  if (schemes.length === 0)
    return `No authentication scheme is declared. If one is needed, read the key from the environment variable ${envVarName}.`;
  const list = schemes.map(([name, s]) => {
    if (s.type === "http")
      return `- ${name}: HTTP ${s.scheme ?? ""} (Authorization header)${s.description ? ` — ${s.description}` : ""}`;
    if (s.type === "apiKey")
      return `- ${name}: API key in the ${s.in ?? "header"} "${s.name ?? ""}"${s.description ? ` — ${s.description}` : ""}`;
    return `- ${name}: ${s.type}${s.description ? ` — ${s.description}` : ""}`;
  });
  return [
    ...list,
    `The user's key is in the environment variable ${envVarName}. Always read it from there (process.env.${envVarName}, os.environ["${envVarName}"], os.Getenv("${envVarName}"), ...): never write a key, or a made-up key, into the code.`,
  ].join("\n");
}

export function groundingFor(
  api: GroundingApi,
  question: string,
  envVarName: string,
): { text: string; selected: OpenApiOperation[] } {
  const selected = selectOperations(api.operations, question);
  const others = api.operations.filter((op) => !selected.includes(op));
  const sections = [
    `API: ${api.name} (catalog id "${api.slug}")`,
    `Base URL: ${baseUrlOf(api.document, api.baseUrl)}`,
    `Authentication:\n${describeAuth(api.document, envVarName)}`,
    selected.length
      ? `Operations that match the question (from the OpenAPI spec):\n${selected.map(describeOperation).join("\n")}`
      : "No operation clearly matches the question; pick from the list below, or ask which one is meant.",
  ];
  if (others.length) {
    const index = others.slice(0, GROUNDING_LIMITS.indexLines).map((op) => `- ${op.method} ${op.path}: ${op.summary}`);
    if (others.length > index.length) index.push(`- … and ${others.length - index.length} more`);
    sections.push(`Other operations of this API:\n${index.join("\n")}`);
  }
  let text = sections.join("\n\n");
  if (text.length > GROUNDING_LIMITS.maxChars)
    text = `${text.slice(0, GROUNDING_LIMITS.maxChars)}\n[spec excerpt truncated]`;
  return { text, selected };
}
