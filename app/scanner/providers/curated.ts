import { z } from "zod";
import ai from "./ai.json";
import browser from "./browser.json";
import collaboration from "./collaboration.json";
import developer from "./developer.json";
import email from "./email.json";
import identityAnalytics from "./identity-analytics.json";
import locationSearch from "./location-search.json";
import messaging from "./messaging.json";
import payments from "./payments.json";
import { ProviderSchema, type Provider } from "./schema";

/**
 * The curated part of the catalog (the top providers, with SDK packages, imports, calls and
 * operations), validated once at load: a typo in the data fails loudly (tests load it)
 * instead of silently matching nothing.
 */
function load(): Provider[] {
  const parsed = z
    .array(ProviderSchema)
    .parse([
      ...payments,
      ...ai,
      ...messaging,
      ...email,
      ...developer,
      ...collaboration,
      ...locationSearch,
      ...identityAnalytics,
      ...browser,
    ]);
  const seen = new Set<string>();
  for (const provider of parsed) {
    if (seen.has(provider.id)) throw new Error(`The provider catalog lists "${provider.id}" twice`);
    seen.add(provider.id);
    for (const op of provider.operations) {
      if (op.batchWith && !provider.operations.some((o) => o.id === op.batchWith)) {
        throw new Error(`${provider.id}.${op.id} batches with unknown operation ${op.batchWith}`);
      }
      for (const pattern of [...op.calls]) new RegExp(pattern); // throws on a bad pattern
    }
    for (const pattern of provider.calls) new RegExp(pattern);
  }
  return parsed;
}

export const CURATED: readonly Provider[] = load();
