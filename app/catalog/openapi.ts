import { z } from "zod";
import type { HttpRequestSpec, NameValue } from "~/codegen/http-request";

/**
 * The parts of an OpenAPI 3 document the product uses: operations (for importing a
 * request, grounding the AI, and detecting batch endpoints), servers and security
 * schemes (for auth headers with environment-variable placeholders). Parsing is
 * lenient about what we don't use and explains what is wrong with what we do.
 */
const Parameter = z.object({
  name: z.string(),
  in: z.enum(["query", "header", "path", "cookie"]),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: z.record(z.string(), z.unknown()).optional(),
  example: z.unknown().optional(),
});

const MediaType = z.object({ schema: z.record(z.string(), z.unknown()).optional(), example: z.unknown().optional() });

const Operation = z.object({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  parameters: z.array(Parameter).optional(),
  requestBody: z.object({ required: z.boolean().optional(), content: z.record(z.string(), MediaType) }).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});

const SecurityScheme = z.object({
  type: z.enum(["http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"]),
  scheme: z.string().optional(),
  name: z.string().optional(),
  in: z.enum(["query", "header", "cookie"]).optional(),
  description: z.string().optional(),
});

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export const OpenApiDocument = z.object({
  openapi: z.string().regex(/^3\./, "Only OpenAPI 3.x documents are supported."),
  info: z.object({ title: z.string(), version: z.string() }),
  servers: z.array(z.object({ url: z.string() })).optional(),
  paths: z.record(z.string(), z.object({ parameters: z.array(Parameter).optional() }).catchall(z.unknown())),
  components: z.object({ securitySchemes: z.record(z.string(), SecurityScheme).optional() }).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});

export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
export type OpenApiOperation = {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  parameters: z.infer<typeof Parameter>[];
  requestBody?: { contentType: string; required: boolean; schema?: Record<string, unknown>; example?: unknown };
  security: Record<string, string[]>[];
};

export function parseOpenApi(input: unknown): { ok: true; document: OpenApiDocument } | { ok: false; message: string } {
  const result = OpenApiDocument.safeParse(input);
  if (result.success) return { ok: true, document: result.data };
  const issue = result.error.issues[0]!;
  return {
    ok: false,
    message: `Not a usable OpenAPI 3 document: ${issue.path.join(".") || "the document"}: ${issue.message}`,
  };
}

/** Every operation, with path-level parameters merged in; ids are made up where the spec has none. */
export function listOperations(document: OpenApiDocument): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const parsed = Operation.safeParse(item[method]);
      if (!item[method] || !parsed.success) continue;
      const op = parsed.data;
      const params = new Map(
        [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => [`${p.in}:${p.name}`, p]),
      );
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        operationId:
          op.operationId ??
          `${method}${path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? op.description?.split("\n")[0] ?? `${method.toUpperCase()} ${path}`,
        description: op.description,
        parameters: [...params.values()],
        requestBody: contentType
          ? {
              contentType,
              required: op.requestBody?.required ?? false,
              schema: media?.schema,
              example: media?.example ?? media?.schema?.example,
            }
          : undefined,
        security: op.security ?? document.security ?? [],
      });
    }
  }
  return operations;
}

/** Server URL with `{variables}` left as they are: the person fills them in. */
export function baseUrlOf(document: OpenApiDocument, fallback?: string): string {
  return (document.servers?.[0]?.url ?? fallback ?? "https://api.example.com").replace(/\/$/, "");
}

/**
 * A ready-to-edit request for one operation: path parameters as `{{name}}`, required
 * query parameters and headers with their examples, the body's example, and the auth
 * the spec asks for with `{{ENV_VAR}}` placeholders instead of any real secret.
 */
export function operationToRequest(
  document: OpenApiDocument,
  operation: OpenApiOperation,
  options: { baseUrl?: string; secretPlaceholder: string },
): HttpRequestSpec {
  const base = options.baseUrl ?? baseUrlOf(document);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => `{{${name}}}`);
  const sample = (p: z.infer<typeof Parameter>) =>
    String(p.example ?? p.schema?.example ?? p.schema?.default ?? `{{${p.name}}}`);
  const query: NameValue[] = operation.parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => ({ name: p.name, value: sample(p) }));
  const headers: NameValue[] = operation.parameters
    .filter((p) => p.in === "header" && p.required)
    .map((p) => ({ name: p.name, value: sample(p) }));

  const scheme = firstSecurityScheme(document, operation);
  const secret = `{{${options.secretPlaceholder}}}`;
  if (scheme?.type === "http" && scheme.scheme?.toLowerCase() === "bearer")
    headers.push({ name: "Authorization", value: `Bearer ${secret}` });
  else if (scheme?.type === "http" && scheme.scheme?.toLowerCase() === "basic")
    headers.push({ name: "Authorization", value: `Basic ${secret}` });
  else if (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name)
    headers.push({ name: scheme.name, value: secret });
  else if (scheme?.type === "apiKey" && scheme.in === "query" && scheme.name)
    query.push({ name: scheme.name, value: secret });
  else if (scheme?.type === "oauth2" || scheme?.type === "openIdConnect")
    headers.push({ name: "Authorization", value: `Bearer ${secret}` });

  let body: HttpRequestSpec["body"];
  if (operation.requestBody) {
    const { contentType, example } = operation.requestBody;
    headers.push({ name: "Content-Type", value: contentType });
    body = { mimeType: contentType, text: exampleText(contentType, example) };
  }
  return { method: operation.method, url: `${base}${path}`, query, headers, body };
}

function firstSecurityScheme(document: OpenApiDocument, operation: OpenApiOperation) {
  const schemes = document.components?.securitySchemes ?? {};
  for (const requirement of operation.security) {
    for (const name of Object.keys(requirement)) if (schemes[name]) return schemes[name];
  }
  return undefined;
}

function exampleText(contentType: string, example: unknown): string {
  if (example === undefined) return contentType.includes("json") ? "{}" : "";
  if (typeof example === "string") return example;
  if (contentType.startsWith("application/x-www-form-urlencoded") && example && typeof example === "object") {
    return new URLSearchParams(Object.entries(example).map(([k, v]) => [k, String(v)])).toString();
  }
  return JSON.stringify(example, null, 2);
}
