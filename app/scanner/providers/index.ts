import { CURATED, withDefaults } from "./curated";
import generated from "./generated.json";
import type { Provider } from "./schema";

export type { Provider, ProviderOperation, Ecosystem, CodeLanguage, Cloud } from "./schema";

/**
 * The scanner's provider catalog: the curated top providers (./curated.ts), with the hosts
 * the public directories add to them, and the long tail generated from those directories
 * (./generated.json, by scripts/update-provider-catalog.ts: hosts, names and categories only).
 * The generated part is validated by its generator and by a unit test, not at every load:
 * it is a thousand entries, and the command line starts on every run.
 */
type GeneratedEntry = [id: string, name: string, category: string, hosts: string[]];

function longTail(): Provider[] {
  return (generated.providers as GeneratedEntry[]).map(([id, name, category, hosts]) =>
    withDefaults({ id, domain: id, source: "apis.guru", name, category: category as Provider["category"], hosts }),
  );
}

const extraHosts = generated.curatedHosts as Record<string, string[]>;

export const PROVIDERS: readonly Provider[] = [
  ...CURATED.map((p) => (extraHosts[p.id] ? { ...p, hosts: [...p.hosts, ...extraHosts[p.id]!] } : p)),
  ...longTail(),
];

const byId = new Map(PROVIDERS.map((p) => [p.id, p]));

export function providerById(id: string): Provider | undefined {
  return byId.get(id);
}
