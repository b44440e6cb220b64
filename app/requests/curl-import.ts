import { parse } from "shell-quote";
import { HTTP_METHODS } from "~/codegen/http-request";
import { EMPTY_AUTH, newRowId, type RequestDraft, type Row } from "./request-draft";

/**
 * A cURL command (as copied from browser dev tools, API docs or a terminal) to a
 * request draft. shell-quote splits it the way a POSIX shell would; this maps curl's
 * options. Anything it cannot represent faithfully is refused with a reason, never
 * silently dropped.
 */
export type CurlImport = { ok: true; draft: RequestDraft; ignored: string[] } | { ok: false; message: string };

const WITH_VALUE_IGNORED = new Set([
  "-o",
  "--output",
  "-m",
  "--max-time",
  "--connect-timeout",
  "--retry",
  "-w",
  "--write-out",
  "--cacert",
  "--cert",
  "--key",
  "-x",
  "--proxy",
  "-c",
  "--cookie-jar",
  "--limit-rate",
  "--resolve",
  "--max-redirs",
]);
const FLAGS_IGNORED = new Set([
  "-L",
  "--location",
  "-s",
  "--silent",
  "-S",
  "--show-error",
  "-k",
  "--insecure",
  "-v",
  "--verbose",
  "-i",
  "--include",
  "--compressed",
  "-f",
  "--fail",
  "--fail-with-body",
  "-N",
  "--no-buffer",
  "--http1.1",
  "--http2",
  "-#",
  "--progress-bar",
  "-g",
  "--globoff",
]);
const DATA = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii"]);

export function importCurl(command: string): CurlImport {
  const source = command.trim().replace(/\\\r?\n/g, " ");
  if (!/^curl(\s|$)/.test(source))
    return { ok: false, message: "A cURL command starts with curl, e.g. curl https://api.example.com/v1/things" };
  if (!quotesBalanced(source)) return { ok: false, message: "That cURL command has an unclosed quote." };
  const tokens: string[] = [];
  for (const token of parse(source, (name) => `$${name}`)) {
    if (typeof token === "string") tokens.push(token);
    else if ("pattern" in token) tokens.push(token.pattern);
    else if ("op" in token && token.op === "&")
      return { ok: false, message: "Put the URL in quotes: an unquoted & ends the command in a shell." };
    else if ("op" in token)
      break; // a pipe or redirection: the rest is another command
    else
      return {
        ok: false,
        message: "That cURL command has shell syntax (comments or substitutions) that cannot be imported.",
      };
  }

  let method: string | null = null;
  let url: string | null = null;
  const headers: Row[] = [];
  const data: string[] = [];
  let json = false;
  let asQuery = false;
  let head = false;
  let auth = { ...EMPTY_AUTH };
  const ignored: string[] = [];
  const row = (name: string, value: string): Row => ({ id: newRowId(), enabled: true, name, value });

  for (let i = 1; i < tokens.length; i++) {
    let token = tokens[i]!;
    let inline: string | undefined;
    if (token.startsWith("--") && token.includes("="))
      [token, inline] = [token.slice(0, token.indexOf("=")), token.slice(token.indexOf("=") + 1)];
    else if (/^-[XHdua].+/.test(token)) [token, inline] = [token.slice(0, 2), token.slice(2)]; // -XPOST, -d{...}
    const value = () => {
      if (inline !== undefined) return inline;
      const next = tokens[++i];
      if (next === undefined) throw new Error(`${token} needs a value.`);
      return next;
    };
    try {
      if (token === "-X" || token === "--request") method = value().toUpperCase();
      else if (token === "-H" || token === "--header") {
        const header = value();
        const colon = header.indexOf(":");
        if (colon <= 0) return { ok: false, message: `"${header}" is not a header: write it as "Name: value".` };
        headers.push(row(header.slice(0, colon).trim(), header.slice(colon + 1).trim()));
      } else if (DATA.has(token)) data.push(value());
      else if (token === "--data-urlencode") data.push(encodeData(value()));
      else if (token === "--json") {
        data.push(value());
        json = true;
      } else if (token === "-u" || token === "--user") {
        const [username, ...rest] = value().split(":");
        auth = { ...auth, type: "basic", username: username ?? "", password: rest.join(":") };
      } else if (token === "-A" || token === "--user-agent") headers.push(row("User-Agent", value()));
      else if (token === "-e" || token === "--referer") headers.push(row("Referer", value()));
      else if (token === "-b" || token === "--cookie") headers.push(row("Cookie", value()));
      else if (token === "-G" || token === "--get") asQuery = true;
      else if (token === "-I" || token === "--head") head = true;
      else if (token === "--url") url = value();
      else if (token === "-F" || token === "--form")
        return { ok: false, message: "Multipart forms (-F) cannot be imported yet: use a JSON or urlencoded body." };
      else if (WITH_VALUE_IGNORED.has(token)) {
        value();
        ignored.push(token);
      } else if (FLAGS_IGNORED.has(token)) ignored.push(token);
      else if (token.startsWith("-") && token.length > 1)
        return { ok: false, message: `The option ${token} is not supported in imports.` };
      else if (url === null) url = token;
      else return { ok: false, message: `Only one URL can be imported (found "${url}" and "${token}").` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  if (!url) return { ok: false, message: "That cURL command has no URL." };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`; // as curl does
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `"${url}" is not a valid URL.` };
  }
  const query: Row[] = [...parsed.searchParams].map(([name, value]) => row(name, value));
  parsed.search = "";

  let body = data.join("&");
  if (asQuery && body) {
    for (const [name, value] of new URLSearchParams(body)) query.push(row(name, value));
    body = "";
  }
  if (body.startsWith("@"))
    return { ok: false, message: `The body comes from a file (${body}); paste its content instead.` };
  const contentType = headers.find((h) => h.name.toLowerCase() === "content-type")?.value;
  if (json) {
    if (!contentType) headers.push(row("Content-Type", "application/json"));
    if (!headers.some((h) => h.name.toLowerCase() === "accept")) headers.push(row("Accept", "application/json"));
  }
  const bodyType = body
    ? (contentType?.split(";")[0]?.trim() ?? (json ? "application/json" : "application/x-www-form-urlencoded"))
    : "";
  const finalMethod = method ?? (head ? "HEAD" : body ? "POST" : "GET");
  if (!(HTTP_METHODS as readonly string[]).includes(finalMethod))
    return { ok: false, message: `The method ${finalMethod} is not supported (use ${HTTP_METHODS.join(", ")}).` };

  return {
    ok: true,
    ignored,
    draft: { method: finalMethod, url: parsed.href.replace(/\?$/, ""), query, headers, auth, bodyType, body },
  };
}

function encodeData(value: string): string {
  const eq = value.indexOf("=");
  if (eq < 0) return encodeURIComponent(value);
  return `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`;
}

function quotesBalanced(source: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
    } else if (char === "\\") i++;
    else if (quote === '"') {
      if (char === '"') quote = null;
    } else if (char === "'" || char === '"') quote = char;
  }
  return quote === null;
}
