import { ProviderIndex } from "./match";
import { PROVIDERS } from "./providers";

/**
 * The index of the whole provider catalog, built once per process. Apart from match.ts so
 * that scan worker threads, which are sent the catalog already validated, do not carry the
 * catalog's validation (zod: most of their code) nor validate it again.
 */
let shared: ProviderIndex | undefined;
export function defaultIndex() {
  return (shared ??= new ProviderIndex(PROVIDERS));
}
