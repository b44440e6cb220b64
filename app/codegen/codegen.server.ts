import { HTTPSnippet, type HarRequest } from "httpsnippet";
import type { HttpRequestSpec } from "./http-request";
import { LANGUAGES, type LanguageId } from "./languages";

/**
 * Request code in any supported language, through httpsnippet (Kong's well-kept
 * generator): deterministic, so the same request always gives the same code.
 */
export function generateRequestCode(request: HttpRequestSpec, language: LanguageId): string {
  const { target, client } = LANGUAGES[language];
  const snippet = new HTTPSnippet(toHar(request));
  const code = snippet.convert(target as never, client);
  if (typeof code !== "string") throw new Error(`httpsnippet has no ${target}/${client} target`);
  return language === "typescript" ? asTypeScript(code) : code;
}

export function toHar(request: HttpRequestSpec): HarRequest {
  const url = new URL(request.url);
  // httpsnippet reads the query from both the URL and queryString: keep it in one place.
  const query = [...[...url.searchParams].map(([name, value]) => ({ name, value })), ...request.query];
  url.search = "";
  const har: HarRequest = {
    method: request.method.toUpperCase(),
    url: url.href,
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: request.headers,
    queryString: query,
    headersSize: -1,
    bodySize: -1,
    postData: { mimeType: request.body?.mimeType ?? "application/octet-stream" },
  };
  if (request.body && request.body.text !== "") {
    const { mimeType, text } = request.body;
    har.postData = mimeType.startsWith("application/x-www-form-urlencoded")
      ? { mimeType, params: [...new URLSearchParams(text)].map(([name, value]) => ({ name, value })) }
      : { mimeType, text };
  }
  return har;
}

/** fetch code is valid TypeScript; type the parsed body so it reads like TypeScript people write. */
function asTypeScript(code: string): string {
  return code.replace("const data = await response.json();", "const data: unknown = await response.json();");
}
