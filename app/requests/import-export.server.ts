import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { getCatalogApi, listCatalogApis } from "~/catalog/catalog.server";
import { envVarNameFor } from "~/catalog/env-var-name";
import { listOperations, operationToRequest, parseOpenApi, type OpenApiDocument } from "~/catalog/openapi";
import { generateRequestCode } from "~/codegen/codegen.server";
import type { HttpRequestSpec } from "~/codegen/http-request";
import { isLanguageId, LANGUAGE_IDS } from "~/codegen/languages";
import { importCurl } from "./curl-import";
import { draftToSpec } from "./outgoing";
import { EMPTY_AUTH, newRowId, RequestDraftSchema, type RequestDraft } from "./request-draft";

/**
 * Importing a request (a cURL command, an operation of a catalog API, or an operation
 * of a pasted OpenAPI document) and exporting one (cURL and code through httpsnippet).
 * Imports use `{{VARIABLES}}` for keys, never values; exports fill in shared variables
 * and leave secret ones as placeholders.
 */
export const ImportInput = z.discriminatedUnion("source", [
  z.object({ source: z.literal("curl"), command: z.string().max(100_000, "That command is too long.") }),
  z.object({ source: z.literal("catalog"), api: z.string().max(100), operationId: z.string().max(200) }),
  z.object({
    source: z.literal("spec"),
    spec: z.string().max(2_000_000, "That spec is larger than 2 MB."),
    operationId: z.string().max(200).optional(),
  }),
]);

export type ImportResult =
  | {
      ok: true;
      draft: RequestDraft;
      notes: string[];
      operations?: { operationId: string; method: string; path: string; summary: string }[];
    }
  | { ok: false; message: string };

export async function importRequest(input: z.infer<typeof ImportInput>): Promise<ImportResult> {
  if (input.source === "curl") {
    const result = importCurl(input.command);
    return result.ok
      ? {
          ok: true,
          draft: result.draft,
          notes: result.ignored.length ? [`Ignored curl options: ${result.ignored.join(" ")}`] : [],
        }
      : result;
  }
  if (input.source === "catalog") {
    const api = await getCatalogApi(input.api);
    if (!api) return { ok: false, message: "That API is not in the catalog." };
    const operation = api.operations.find((o) => o.operationId === input.operationId);
    if (!operation) return { ok: false, message: `${api.name} has no operation "${input.operationId}".` };
    const variable = envVarNameFor(api.slug);
    const spec = operationToRequest(api.document, operation, { baseUrl: api.baseUrl, secretPlaceholder: variable });
    return {
      ok: true,
      draft: specToDraft(spec),
      notes: [
        `The key is {{${variable}}}: add it to the environment as a secret, or your organisation's managed ${api.name} key is used.`,
      ],
    };
  }
  let raw: unknown;
  try {
    raw = input.spec.trim().startsWith("{") ? JSON.parse(input.spec) : parseYaml(input.spec);
  } catch (error) {
    return {
      ok: false,
      message: `That spec is neither valid JSON nor YAML: ${(error as Error).message.split("\n")[0]}`,
    };
  }
  const parsed = parseOpenApi(raw);
  if (!parsed.ok) return parsed;
  const operations = listOperations(parsed.document);
  if (operations.length === 0) return { ok: false, message: "That spec has no operations under paths." };
  const operation = input.operationId ? operations.find((o) => o.operationId === input.operationId) : operations[0];
  if (!operation) return { ok: false, message: `The spec has no operation "${input.operationId}".` };
  const spec = operationToRequest(parsed.document as OpenApiDocument, operation, { secretPlaceholder: "API_KEY" });
  return {
    ok: true,
    draft: specToDraft(spec),
    notes: [`Imported ${operation.method} ${operation.path}.`],
    operations: operations.map(({ operationId, method, path, summary }) => ({ operationId, method, path, summary })),
  };
}

/** The catalog for the import picker: APIs and their operations. */
export async function catalogForImport() {
  const apis = await listCatalogApis();
  return Promise.all(
    apis.map(async (api) => {
      const full = await getCatalogApi(api.slug);
      return {
        slug: api.slug,
        name: api.name,
        operations: (full?.operations ?? []).map(({ operationId, method, path, summary }) => ({
          operationId,
          method,
          path,
          summary,
        })),
      };
    }),
  );
}

function specToDraft(spec: HttpRequestSpec): RequestDraft {
  const row = (name: string, value: string) => ({ id: newRowId(), enabled: true, name, value });
  return {
    method: spec.method,
    url: spec.url,
    query: spec.query.map((q) => row(q.name, q.value)),
    headers: spec.headers.map((h) => row(h.name, h.value)),
    auth: { ...EMPTY_AUTH },
    bodyType: spec.body?.mimeType ?? "",
    body: spec.body?.text ?? "",
  };
}

export const ExportInput = z.object({
  draft: RequestDraftSchema,
  language: z.string().refine(isLanguageId, `Choose a language: ${LANGUAGE_IDS.join(", ")}.`),
  variables: z.array(z.object({ name: z.string().max(64), value: z.string().max(8192), secret: z.boolean() })).max(200),
});

export function exportRequest(
  input: z.infer<typeof ExportInput>,
): { ok: true; code: string } | { ok: false; message: string } {
  const shared = new Map(input.variables.filter((v) => !v.secret).map((v) => [v.name, v.value]));
  let spec: HttpRequestSpec;
  try {
    spec = draftToSpec(input.draft, shared);
  } catch {
    return { ok: false, message: "Fill in a valid http(s) URL first: code cannot be written for this one." };
  }
  if (!isLanguageId(input.language)) return { ok: false, message: "Unknown language." };
  try {
    return { ok: true, code: generateRequestCode(spec, input.language) };
  } catch (error) {
    return { ok: false, message: `Code could not be written: ${(error as Error).message}` };
  }
}
