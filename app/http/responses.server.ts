/**
 * A response for a person to read, thrown or returned from loaders and actions:
 * pages show `error` in their error boundary, API clients get `{ "error": "..." }`.
 * A plain Response (not Remix's `data()`) so resource routes return it unchanged.
 */
export function httpError(status: number, message: string, headers?: HeadersInit) {
  return Response.json({ error: message }, { status, headers });
}

/** What an outsider is told about anything they may not see: the same as for what does not exist. */
export const NOT_FOUND = "Not found. It may have been deleted, or you may not have access to it.";

export function notFound(message = NOT_FOUND) {
  return httpError(404, message);
}

/** Whole seconds until a rate limit's window resets (at least 1), for Retry-After. */
export function retryAfterSeconds(resetAt: Date, now = new Date()) {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

/** The Retry-After header for a limit that resets at `resetAt` (form actions that answer with data()). */
export const retryAfterHeader = (resetAt: Date, now = new Date()) => ({
  "Retry-After": String(retryAfterSeconds(resetAt, now)),
});

/** 429 with when to come back, both for people (the message) and for clients (Retry-After). */
export function tooManyRequests(resetAt: Date, message: string, extra: Record<string, unknown> = {}) {
  return Response.json({ ...extra, error: message }, { status: 429, headers: retryAfterHeader(resetAt) });
}
