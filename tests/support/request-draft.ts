import { EMPTY_AUTH } from "~/requests/request-draft";

/** A request draft as the builder sends it: GET the URL, nothing else unless overridden. */
export function requestDraft(url: string, overrides: Record<string, unknown> = {}) {
  return { method: "GET", url, query: [], headers: [], auth: { ...EMPTY_AUTH }, bodyType: "", body: "", ...overrides };
}
