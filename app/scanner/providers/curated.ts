import ai from "./ai.json";
import browser from "./browser.json";
import collaboration from "./collaboration.json";
import developer from "./developer.json";
import email from "./email.json";
import identityAnalytics from "./identity-analytics.json";
import locationSearch from "./location-search.json";
import longTail from "./long-tail.json";
import messaging from "./messaging.json";
import payments from "./payments.json";
import type { Provider } from "./schema";

/**
 * The curated part of the catalog (the top providers, with SDK packages, imports, calls and
 * operations), as the JSON files hold it with the schema's defaults filled in. The data is
 * validated against the schema (./schema.ts) by the unit tests and by validateCatalog(), not
 * on every load: zod would be most of the command line's start-up.
 */
export const CURATED_DATA: unknown[] = [
  ...payments,
  ...ai,
  ...messaging,
  ...email,
  ...developer,
  ...collaboration,
  ...locationSearch,
  ...identityAnalytics,
  ...browser,
  ...longTail,
];

type Raw = Partial<Provider> & Pick<Provider, "id" | "domain" | "name" | "category">;

export function withDefaults(raw: Raw): Provider {
  return {
    aliases: [],
    source: "curated",
    packages: {},
    imports: {},
    hosts: [],
    headers: [],
    envVars: [],
    envPrefixes: [],
    calls: [],
    constants: [],
    browser: {},
    ...raw,
    operations: (raw.operations ?? []).map((op) => ({ ...op, cacheable: op.cacheable ?? false })),
  };
}

export const CURATED: readonly Provider[] = (CURATED_DATA as Raw[]).map(withDefaults);
