import { SANDBOX_CSP, sandboxDocument } from "~/snippets/sandbox";

/**
 * The snippet sandbox's document, with its own strict Content-Security-Policy (see
 * app/snippets/sandbox.ts). The same for everyone; it holds nothing but the runner.
 */
export function loader() {
  return new Response(sandboxDocument(), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": SANDBOX_CSP,
      "Cache-Control": "public, max-age=3600",
    },
  });
}
