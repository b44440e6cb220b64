import { randomBytes } from "node:crypto";
import { publicLiveblocksBaseUrl } from "~/rooms/liveblocks.server";

/**
 * The Content-Security-Policy of every page (docs/decisions/062-content-security-policy.md).
 * Scripts run only from our own origin or with this response's nonce (Remix's inline
 * scripts and React's streaming ones carry it), so injected markup cannot run script.
 * Styles may be inline: tldraw and CodeMirror set style attributes and <style> elements as
 * they render, and styles cannot run code. Connections go to our origin and the sync engine
 * (hosted Liveblocks, or the local dev server browsers are told about). The snippet sandbox
 * is its own document (/sandbox) with its own, stricter policy (app/snippets/sandbox.ts).
 *
 * A capability that needs more (an embed, a checkout page a form posts to) adds its origins
 * here, in one place, with the reason.
 */
export function newCspNonce(): string {
  return randomBytes(16).toString("base64");
}

export function documentCsp(nonce: string, { dev = false } = {}): string {
  const sync = syncOrigins();
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // data: for tldraw, which fetches its built-in translations from a data: URL. Vite's dev
    // server pushes updates over its own WebSocket.
    "connect-src": ["'self'", "data:", ...sync, ...(dev ? ["ws:", "wss:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Where browsers reach the sync engine: http(s) for its REST calls, ws(s) for the room socket. */
function syncOrigins(): string[] {
  const base = publicLiveblocksBaseUrl();
  if (!base) return ["https://*.liveblocks.io", "wss://*.liveblocks.io"];
  const url = new URL(base);
  const socket = url.protocol === "https:" ? "wss:" : "ws:";
  return [url.origin, `${socket}//${url.host}`];
}
