/**
 * What a personal access token may do, for the automation API (each route asks for one
 * scope: authenticateToken(request, "documents:read")). A new area adds its scopes here;
 * the tokens page lists them with these words.
 */
export const TOKEN_SCOPES = {
  "documents:read": "Read documents and their history",
  "documents:write": "Create, rename and change documents",
  "collections:read": "Read request collections and runs",
  "collections:write": "Change collections and start runs",
  "usage:read": "Read usage and costs",
  "scans:read": "Read codebase scans",
  "scans:write": "Start scans",
  "ai:write": "Ask the AI playground (counts against your daily quota)",
} as const satisfies Record<string, string>;

export type TokenScope = keyof typeof TOKEN_SCOPES;

export const SCOPE_NAMES = Object.keys(TOKEN_SCOPES) as [TokenScope, ...TokenScope[]];

export const TOKEN_LIFETIMES = { "7": "7 days", "30": "30 days", "90": "90 days", "365": "a year" } as const;
