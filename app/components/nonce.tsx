import { createContext, useContext } from "react";

/**
 * This response's CSP nonce, for the inline scripts Remix renders. Set on the server only
 * (app/entry.server.tsx); in the browser it is "" (browsers hide nonces from the DOM, and
 * scripts added after hydration come from our own origin).
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
