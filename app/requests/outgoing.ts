import type { HttpRequestSpec } from "~/codegen/http-request";
import type { RequestDraft } from "./request-draft";

/**
 * From a draft and variable values to the request that goes on the wire: `{{name}}`
 * replaced everywhere, enabled query rows appended, the auth helper applied, and a
 * Content-Type from the body type unless a header sets one.
 */
export const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

export function referencedVariables(draft: RequestDraft): string[] {
  const names = new Set<string>();
  const scan = (value: string) => {
    for (const match of value.matchAll(VARIABLE)) names.add(match[1]!);
  };
  scan(draft.url);
  for (const row of [...draft.query, ...draft.headers])
    if (row.enabled) {
      scan(row.name);
      scan(row.value);
    }
  if (draft.auth.type !== "none") Object.values(draft.auth).forEach(scan);
  if (draft.bodyType) scan(draft.body);
  return [...names];
}

export function substitute(value: string, values: ReadonlyMap<string, string>): string {
  return value.replace(VARIABLE, (whole, name: string) => values.get(name) ?? whole);
}

export type Outgoing = { method: string; url: string; headers: [string, string][]; body?: string };

export function buildOutgoing(draft: RequestDraft, values: ReadonlyMap<string, string>): Outgoing {
  const sub = (v: string) => substitute(v, values);
  const url = new URL(sub(draft.url.trim()));
  for (const row of draft.query) if (row.enabled && row.name) url.searchParams.append(sub(row.name), sub(row.value));
  const headers: [string, string][] = draft.headers
    .filter((row) => row.enabled && row.name)
    .map((row) => [sub(row.name), sub(row.value)]);
  const { auth } = draft;
  if (auth.type === "bearer") headers.push(["Authorization", `Bearer ${sub(auth.token)}`]);
  else if (auth.type === "basic")
    headers.push([
      "Authorization",
      `Basic ${Buffer.from(`${sub(auth.username)}:${sub(auth.password)}`).toString("base64")}`,
    ]);
  else if (auth.type === "apikey" && auth.keyName) {
    if (auth.keyIn === "query") url.searchParams.append(sub(auth.keyName), sub(auth.keyValue));
    else headers.push([sub(auth.keyName), sub(auth.keyValue)]);
  }
  const hasBody = draft.bodyType !== "" && !["GET", "HEAD"].includes(draft.method);
  if (hasBody && !headers.some(([name]) => name.toLowerCase() === "content-type"))
    headers.push(["Content-Type", draft.bodyType]);
  return { method: draft.method, url: url.href, headers, body: hasBody ? sub(draft.body) : undefined };
}

/** The draft as the code generators and exports read it; auth becomes ordinary headers or query rows. */
export function draftToSpec(draft: RequestDraft, values: ReadonlyMap<string, string>): HttpRequestSpec {
  const sub = (v: string) => substitute(v, values);
  const url = new URL(sub(draft.url.trim()));
  const query = [...url.searchParams].map(([name, value]) => ({ name, value }));
  url.search = "";
  query.push(
    ...draft.query.filter((r) => r.enabled && r.name).map((r) => ({ name: sub(r.name), value: sub(r.value) })),
  );
  const headers = draft.headers
    .filter((r) => r.enabled && r.name)
    .map((r) => ({ name: sub(r.name), value: sub(r.value) }));
  const { auth } = draft;
  if (auth.type === "bearer") headers.push({ name: "Authorization", value: `Bearer ${sub(auth.token)}` });
  else if (auth.type === "basic") {
    const pair = `${sub(auth.username)}:${sub(auth.password)}`;
    headers.push({
      name: "Authorization",
      value: pair.includes("{{") ? `Basic base64(${pair})` : `Basic ${btoa(pair)}`,
    });
  } else if (auth.type === "apikey" && auth.keyName)
    (auth.keyIn === "query" ? query : headers).push({ name: sub(auth.keyName), value: sub(auth.keyValue) });
  const hasBody = draft.bodyType !== "" && !["GET", "HEAD"].includes(draft.method);
  if (hasBody && !headers.some((h) => h.name.toLowerCase() === "content-type"))
    headers.push({ name: "Content-Type", value: draft.bodyType });
  return {
    method: draft.method,
    url: url.href,
    query,
    headers,
    body: hasBody ? { mimeType: draft.bodyType, text: sub(draft.body) } : undefined,
  };
}
