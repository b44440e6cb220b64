import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DocumentAccess } from "~/auth/authorize.server";
import { env } from "~/config/env.server";
import { storableText, unsafeTextIssues } from "~/http/text-safety";
import { isProviderUrl } from "~/catalog/provider-hosts";
import { prisma } from "~/db/client.server";
import { colorForUser } from "~/rooms/user-color";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import type { SentResponse } from "./room-types";
import { parseAllowRules } from "./address-policy.server";
import { buildOutgoing, referencedVariables } from "./outgoing";
import { RequestDraftSchema, type RequestDraft } from "./request-draft";
import { writeResponse } from "./room-writes.server";
import { safeFetch } from "./safe-fetch.server";
import { redactor } from "./redaction";
import { secretValuesFor, type ManagedKeyUse } from "./secrets.server";

/**
 * Sending a room's request: the server resolves variables (shared values from the
 * room's environment, secret values from the sender's own encrypted store), sends it
 * through the guarded client, and writes the outcome (response, refusal or failure)
 * into the room for everyone and into PostgreSQL for history and replay. Secret values
 * are redacted from what comes back before anyone else can see it.
 */
export const SEND_LIMIT = { limit: 60, windowSeconds: 60 };
/** What a room shows of a response body; the sender can still see size and headers. */
export const ROOM_BODY_CHARS = 100_000;

const EnvironmentInput = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  variables: z.array(z.object({ name: z.string().max(64), value: z.string().max(8192), secret: z.boolean() })).max(200),
});
export const SendInput = z.object({ draft: RequestDraftSchema, environment: EnvironmentInput.nullable() });

export type SendResult =
  { ok: true; response: SentResponse } | { ok: false; status: number; message: string; resetAt?: Date };

export async function sendFromRoom(access: DocumentAccess, input: unknown): Promise<SendResult> {
  const limited = await consumeRateLimit(`send:user:${access.user.id}`, SEND_LIMIT);
  if (!limited.allowed) {
    return {
      ok: false,
      status: 429,
      message: `You sent ${SEND_LIMIT.limit} requests in a minute. Wait a moment and send again.`,
      resetAt: limited.resetAt,
    };
  }
  const started = performance.now();
  // Text nothing can store (NUL, lone surrogates) is refused before anything is recorded.
  const unsafe = unsafeTextIssues(input);
  if (unsafe.length) return { ok: false, status: 400, message: unsafe[0]!.message };
  const parsed = SendInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return record(access, looseDraft(input), { outcome: "REFUSED", error: issue.message, durationMs: 0 });
  }
  const { draft, environment } = parsed.data;

  const shared = new Map<string, string>();
  const secretNames = new Set<string>();
  for (const v of environment?.variables ?? []) {
    if (v.secret) secretNames.add(v.name);
    else shared.set(v.name, v.value);
  }
  const used = referencedVariables(draft);
  const wanted = used.filter((name) => secretNames.has(name) || !shared.has(name));
  const { values: secrets, managed } = await secretValuesFor({
    userId: access.user.id,
    documentId: access.document.id,
    environmentId: environment?.id ?? null,
    names: wanted,
    organizationId: access.guest ? null : access.workspace.organizationId,
  });
  const missing = wanted.filter((name) => !secrets.has(name));
  if (missing.length) {
    const name = missing[0]!;
    const error = secretNames.has(name)
      ? `{{${name}}} is a secret: set your own value for it in the environment panel first.`
      : `{{${name}}} is not defined in ${environment ? `the environment "${environment.name}"` : "any environment"}.`;
    return record(access, draft, { outcome: "REFUSED", error, durationMs: 0 });
  }

  const values = new Map([...shared, ...secrets]);
  let outgoing;
  try {
    outgoing = buildOutgoing(draft, values);
  } catch {
    return record(access, draft, {
      outcome: "REFUSED",
      error: "The URL is not valid once variables are filled in: it should start with http:// or https://.",
      durationMs: 0,
    });
  }

  // The organisation's managed keys go to their provider's hosts only, redirects included.
  const keyBinding = bindManagedKeys([...managed].filter(([name]) => used.includes(name)));
  const refusedHere = keyBinding(new URL(outgoing.url));
  if (refusedHere) return record(access, draft, { outcome: "REFUSED", error: refusedHere, durationMs: 0 });

  const config = env();
  const result = await safeFetch(outgoing, {
    allow: parseAllowRules(config.REQUEST_ALLOWED_HOSTS),
    timeoutMs: config.REQUEST_TIMEOUT_MS,
    maxResponseBytes: config.REQUEST_MAX_RESPONSE_BYTES,
    mayVisit: keyBinding,
  });
  const durationMs = Math.round(performance.now() - started);
  const redact = redactor(secrets, outgoing.headers);
  if (!result.ok) return record(access, draft, { outcome: result.outcome, error: redact(result.message), durationMs });

  const contentType = result.headers.find(([n]) => n.toLowerCase() === "content-type")?.[1] ?? "";
  const text = readableBody(result.body, contentType);
  const redacted = redact(text);
  return record(access, draft, {
    outcome: "OK",
    status: result.status,
    statusText: result.statusText,
    headers: result.headers.map(([name, value]) => ({
      name,
      value: name.toLowerCase() === "set-cookie" ? maskCookie(value) : redact(value),
    })),
    body: redacted.slice(0, ROOM_BODY_CHARS),
    bodyTruncated: redacted.length > ROOM_BODY_CHARS,
    contentType,
    sizeBytes: result.body.length,
    durationMs,
  });
}

/**
 * A check for every address the request goes to (the first and each redirect): any
 * managed key the draft uses must be going to its own provider. Substituting another host
 * (a guest retargeting a shared draft, a redirect, a {{variable}} in the host) is refused.
 */
function bindManagedKeys(keys: [string, ManagedKeyUse][]) {
  return (url: URL): string | null => {
    for (const [name, use] of keys) {
      if (isProviderUrl(url, use.origins)) continue;
      const where = use.origins.map((o) => o.label.replace(/^https:\/\//, "")).join(", ") || "nowhere";
      return (
        `{{${name}}} is the organisation's ${use.apiName} key: it is only sent to ${where}, ` +
        `not to ${url.host}. Use your own secret value for other hosts.`
      );
    }
    return null;
  };
}

type Outcome = Partial<Omit<SentResponse, "id" | "method" | "url" | "sentBy" | "sentAt">> &
  Pick<SentResponse, "outcome" | "durationMs">;

async function record(access: DocumentAccess, draft: RequestDraft, outcome: Outcome): Promise<SendResult> {
  const response: SentResponse = {
    id: randomUUID(),
    method: draft.method.slice(0, 10),
    url: draft.url.slice(0, 2000),
    status: null,
    statusText: "",
    error: null,
    headers: [],
    body: "",
    bodyTruncated: false,
    contentType: "",
    sizeBytes: 0,
    sentBy: access.user.name,
    sentAt: new Date().toISOString(),
    ...outcome,
  };
  // What came back from outside may hold text PostgreSQL cannot store (a NUL in a body).
  response.statusText = storableText(response.statusText);
  response.error = response.error === null ? null : storableText(response.error);
  response.body = storableText(response.body);
  response.headers = response.headers.map((h) => ({ name: storableText(h.name), value: storableText(h.value) }));
  // The history row first: the room shows only what PostgreSQL holds (no entry without a row).
  await prisma.sentRequest.create({
    data: {
      id: response.id,
      documentId: access.document.id,
      sentById: access.user.id,
      sentByName: access.user.name,
      method: response.method,
      url: response.url,
      request: draft as object,
      outcome: response.outcome,
      status: response.status,
      statusText: response.statusText,
      error: response.error,
      responseHeaders: response.headers,
      responseBody: response.body,
      bodyTruncated: response.bodyTruncated,
      contentType: response.contentType,
      durationMs: response.durationMs,
      sizeBytes: response.sizeBytes,
      sentAt: new Date(response.sentAt),
    },
  });
  await writeResponse(access.document.roomId, response);
  return { ok: true, response };
}

/** A sent request from the history, to reopen in the builder (anyone in the session may). */
export async function sentRequestOf(documentId: string, id: string) {
  if (!z.string().uuid().safeParse(id).success) return null;
  const row = await prisma.sentRequest.findFirst({ where: { id, documentId } });
  if (!row) return null;
  const draft = RequestDraftSchema.safeParse(row.request);
  return {
    draft: draft.success ? draft.data : looseDraft(row.request),
    sentBy: row.sentByName,
    sentAt: row.sentAt.toISOString(),
    color: row.sentById ? colorForUser(row.sentById) : "#888",
  };
}

/** For recording a refusal of input that did not even parse: what can be read of it. */
function looseDraft(input: unknown): RequestDraft {
  const draft =
    (input as { draft?: Partial<Record<keyof RequestDraft, unknown>> } | null)?.draft ??
    (input as Partial<Record<keyof RequestDraft, unknown>>) ??
    {};
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    method: str(draft.method).slice(0, 10) || "?",
    url: str(draft.url).slice(0, 2000),
    query: [],
    headers: [],
    auth: { type: "none", token: "", username: "", password: "", keyName: "", keyValue: "", keyIn: "header" },
    bodyType: "",
    body: "",
  };
}

const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded|graphql|yaml))|^$/i;

/** Text bodies as text (JSON pretty-printed); other bodies described, not dumped. */
function readableBody(body: Buffer, contentType: string): string {
  if (!TEXTUAL.test(contentType.trim())) return `(${contentType.split(";")[0]} body, ${body.length} bytes, not shown)`;
  const text = body.toString("utf8");
  if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}

const maskCookie = (value: string) => value.replace(/^([^=;]+)=[^;]*/, "$1=••••••");
