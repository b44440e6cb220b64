/**
 * Whether `npm start` seeds demo data, and with which passwords.
 *   - the embedded development database: demo data when it is empty, with the published
 *     passwords the log-in page lists (it is a laptop);
 *   - a database of your own (DATABASE_URL): never, unless `npm start -- --demo` asks for
 *     it, and then with random passwords printed once, never the published ones.
 */
export type DemoPlan = { seed: false } | { seed: true; passwords: "published" | "random" };

export function demoPlan(input: { embedded: boolean; demoFlag: boolean; empty: boolean }): DemoPlan {
  if (!input.empty) return { seed: false };
  if (input.embedded) return { seed: true, passwords: "published" };
  return input.demoFlag ? { seed: true, passwords: "random" } : { seed: false };
}
