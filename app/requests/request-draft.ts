import { z } from "zod";
import { HTTP_METHODS } from "~/codegen/http-request";

/**
 * The request as people edit it in a room: rows of query parameters and headers that
 * can be switched off, an auth helper, a body, and `{{variables}}` anywhere. Shared by
 * the builder (to show problems as you type) and the server (which decides).
 */
export type Row = { id: string; enabled: boolean; name: string; value: string };

export type AuthType = "none" | "bearer" | "basic" | "apikey";
export type Auth = {
  type: AuthType;
  token: string;
  username: string;
  password: string;
  keyName: string;
  keyValue: string;
  keyIn: "header" | "query";
};

export type RequestDraft = {
  method: string;
  url: string;
  query: Row[];
  headers: Row[];
  auth: Auth;
  bodyType: string; // a MIME type, or "" for no body
  body: string;
};

export const EMPTY_AUTH: Auth = {
  type: "none",
  token: "",
  username: "",
  password: "",
  keyName: "X-API-Key",
  keyValue: "",
  keyIn: "header",
};

export const BODY_TYPES = [
  { value: "", label: "No body" },
  { value: "application/json", label: "JSON" },
  { value: "application/x-www-form-urlencoded", label: "Form (urlencoded)" },
  { value: "text/plain", label: "Text" },
  { value: "application/xml", label: "XML" },
] as const;

/** Bodies larger than this are refused before sending (they also bloat every browser's room). */
export const MAX_REQUEST_BODY_BYTES = 256_000;

// RFC 9110 token characters: anything else in a header name is an injection attempt or a typo.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const NO_LINE_BREAKS = /^[^\r\n\0]*$/;

const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} is too long (at most ${max} characters).`)
    .regex(NO_LINE_BREAKS, `${what} must not contain line breaks (CR/LF): that would inject headers.`);

const RowSchema = z.object({
  id: z.string().max(64),
  enabled: z.boolean(),
  name: text(256, "A name"),
  value: text(8192, "A value"),
});

export const RequestDraftSchema = z.object({
  method: z
    .string()
    .transform((m) => m.trim().toUpperCase())
    .pipe(z.enum(HTTP_METHODS, { error: `Choose a method: ${HTTP_METHODS.join(", ")}.` })),
  url: text(8192, "The URL").refine((u) => u.trim() !== "", "Enter a URL, like https://api.example.com/v1/things."),
  query: z.array(RowSchema).max(100, "At most 100 query parameters."),
  headers: z
    .array(
      RowSchema.refine((row) => !row.enabled || row.name === "" || HEADER_NAME.test(row.name), {
        message: "A header name may only contain letters, digits and !#$%&'*+-.^_`|~ (no spaces or colons).",
        path: ["name"],
      }),
    )
    .max(100, "At most 100 headers."),
  auth: z.object({
    type: z.enum(["none", "bearer", "basic", "apikey"]),
    token: text(8192, "The token"),
    username: text(512, "The user name"),
    password: text(8192, "The password"),
    keyName: text(256, "The key name"),
    keyValue: text(8192, "The key value"),
    keyIn: z.enum(["header", "query"]),
  }),
  bodyType: z.string().max(200),
  body: z
    .string()
    .refine(
      (b) => byteLength(b) <= MAX_REQUEST_BODY_BYTES,
      `The body is larger than ${MAX_REQUEST_BODY_BYTES / 1000} kB, the most a room can send.`,
    ),
});

/** What the builder shows under the request line, before anyone presses Send. */
export function draftProblems(draft: RequestDraft): string[] {
  const problems: string[] = [];
  if (!(HTTP_METHODS as readonly string[]).includes(draft.method.toUpperCase()))
    problems.push(`Unknown method "${draft.method}".`);
  const url = draft.url.trim();
  if (url === "") problems.push("Enter a URL, like https://api.example.com/v1/things.");
  else if (!url.startsWith("{{")) {
    const withoutVariables = url.replace(/\{\{[^}]*\}\}/g, "x");
    try {
      const parsed = new URL(withoutVariables);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
        problems.push("Only http:// and https:// URLs can be sent.");
    } catch {
      problems.push("That URL is not valid: it should start with https:// (or a {{variable}} that does).");
    }
  }
  if (/[\r\n]/.test(draft.url)) problems.push("The URL must not contain line breaks.");
  for (const row of draft.headers) {
    if (!row.enabled || row.name === "") continue;
    if (!HEADER_NAME.test(row.name)) problems.push(`"${row.name}" is not a valid header name.`);
    if (/[\r\n\0]/.test(row.value)) problems.push(`The value of ${row.name} must not contain line breaks (CR/LF).`);
  }
  if (byteLength(draft.body) > MAX_REQUEST_BODY_BYTES)
    problems.push(`The body is larger than ${MAX_REQUEST_BODY_BYTES / 1000} kB.`);
  return problems;
}

export const byteLength = (value: string) => new TextEncoder().encode(value).length;

export function newRowId(): string {
  return globalThis.crypto.randomUUID();
}
