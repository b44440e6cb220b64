/**
 * The page a snippet runs in (docs/decisions/023-snippet-sandbox.md). It is served at
 * /sandbox with its own Content-Security-Policy header (the app's pages have a stricter,
 * nonce-based one; a `srcdoc` frame would inherit that and could not run the snippet), and
 * loaded in an iframe with sandbox="allow-scripts" and without allow-same-origin, so its
 * origin is opaque: it cannot read the app's cookies, storage or DOM, and the app's session
 * cookie (SameSite=Lax) is not sent with its requests. Its policy allows inline scripts,
 * blob: workers and HTTPS requests (so API calls can be tried), and nothing else: no forms,
 * no base URL, no plugins, no frames, no images from anywhere.
 *
 * The code itself runs in a worker started from a blob: URL inside the frame, so an
 * endless loop blocks neither the app nor the frame, and the time limit can end it. It is
 * a classic worker with the code in an async function (module workers can't load from an
 * opaque origin's blob: URL), so top-level await works and `import` is reported as such.
 * Console output travels to the app by postMessage, tagged with a per-run nonce that the
 * app puts in the frame's URL fragment (never sent to the server).
 */
export const SANDBOX_CSP =
  "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; connect-src https:; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-src 'none'";

export const SANDBOX_PATH = "/sandbox";

export const SANDBOX_LIMITS = { timeLimitMs: 10_000, maxLines: 500, maxLineChars: 2_000 } as const;

export type SandboxMessage =
  | { nonce: string; type: "console"; level: "log" | "info" | "warn" | "error" | "debug"; text: string }
  | { nonce: string; type: "done"; ms: number }
  | { nonce: string; type: "error"; text: string };

/** Runs inside the worker, before the snippet: console capture and an empty process.env. */
const WORKER_PRELUDE = `
const __post = (level, args) => {
  const text = args.map((a) => {
    if (typeof a === "string") return a;
    if (a instanceof Error) return a.stack || String(a);
    try { return JSON.stringify(a, null, 2) ?? String(a); } catch { return String(a); }
  }).join(" ");
  self.postMessage({ type: "console", level, text: text.slice(0, ${SANDBOX_LIMITS.maxLineChars}) });
};
for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = (...args) => __post(level, args);
globalThis.process = { env: {} };
self.addEventListener("unhandledrejection", (e) => __post("error", ["Unhandled rejection:", e.reason]));
`;

/** The frame's document: it receives the code from the app, runs it in a worker and relays. */
export function sandboxDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">
<title>Sandbox</title></head><body><script>
(() => {
  const nonce = decodeURIComponent(location.hash.slice(1));
  if (!nonce) return;
  const relay = (message) => parent.postMessage({ ...message, nonce }, "*");
  let started = false;
  addEventListener("message", (event) => {
    if (event.source !== parent || started || !event.data || event.data.nonce !== nonce) return;
    started = true;
    const source = ${JSON.stringify(WORKER_PRELUDE)} + "\\n(async () => {\\n" + event.data.code + "\\n})().catch((e) => console.error(e)).finally(() => self.postMessage({ type: '__done' }));";
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const began = performance.now();
    const worker = new Worker(url);
    worker.onmessage = (e) => {
      if (e.data && e.data.type === "__done") relay({ type: "done", ms: Math.round(performance.now() - began) });
      else relay(e.data);
    };
    worker.onerror = (e) => { e.preventDefault(); relay({ type: "error", text: /import/.test(e.message || "") ? e.message + " (npm packages can't be imported in the sandbox: run it locally)" : e.message || "The code failed to start." }); };
    setTimeout(() => worker.terminate(), ${SANDBOX_LIMITS.timeLimitMs});
  });
  relay({ type: "ready" });
})();
</script></body></html>`;
}
