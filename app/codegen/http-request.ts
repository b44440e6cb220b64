/**
 * A request as the product talks about it (request builder, OpenAPI operations, AI
 * grounding, snippets), independent of any one library's format.
 * Values may hold `{{NAME}}` placeholders: environment variables, never secrets.
 */
export type NameValue = { name: string; value: string };

export type HttpRequestSpec = {
  method: string;
  /** Absolute URL without the query string (query goes in `query`). */
  url: string;
  query: NameValue[];
  headers: NameValue[];
  body?: { mimeType: string; text: string };
};

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
