/**
 * The environment variable that generated code reads an API's key from (STRIPE_API_KEY,
 * GOOGLE_MAPS_API_KEY, ...): code, prompts and rooms name the key, never hold it.
 */
export function envVarNameFor(slug: string): string {
  return `${slug.replace(/[^a-zA-Z0-9]+/g, "_").toUpperCase()}_API_KEY`;
}
