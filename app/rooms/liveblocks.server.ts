import { Liveblocks, LiveblocksError } from "@liveblocks/node";
import { env } from "~/config/env.server";

/**
 * The server's Liveblocks client: the hosted service when LIVEBLOCKS_SECRET_KEY is a real
 * key, or the local dev server (LIVEBLOCKS_BASE_URL, key sk_localdev) that `npm start` runs.
 */
let client: Liveblocks | undefined;

export function liveblocks(): Liveblocks {
  const { LIVEBLOCKS_SECRET_KEY, LIVEBLOCKS_BASE_URL } = env();
  return (client ??= new Liveblocks({ secret: LIVEBLOCKS_SECRET_KEY, baseUrl: LIVEBLOCKS_BASE_URL }));
}

/** The sync engine's address as browsers must use it (undefined: the hosted service). */
export function publicLiveblocksBaseUrl(): string | undefined {
  const { LIVEBLOCKS_PUBLIC_BASE_URL, LIVEBLOCKS_BASE_URL } = env();
  return LIVEBLOCKS_PUBLIC_BASE_URL ?? LIVEBLOCKS_BASE_URL;
}

export function isLiveblocksStatus(error: unknown, status: number): boolean {
  return error instanceof LiveblocksError && error.status === status;
}
