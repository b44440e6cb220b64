/**
 * A response for a person to read, thrown or returned from loaders and actions:
 * pages show `error` in their error boundary, API clients get `{ "error": "..." }`.
 * A plain Response (not Remix's `data()`) so resource routes return it unchanged.
 */
export function httpError(status: number, message: string, headers?: HeadersInit) {
  return Response.json({ error: message }, { status, headers });
}
