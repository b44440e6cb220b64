import { z } from "zod";
import { CURATED_DATA } from "./curated";
import { ProviderSchema } from "./schema";

/**
 * Checks the curated catalog against its schema: a typo in the data fails loudly (the unit
 * tests run this) instead of silently matching nothing. Kept out of the load path, where zod
 * would be most of the command line's start-up.
 */
export function validateCatalog() {
  const parsed = z.array(ProviderSchema).parse(CURATED_DATA);
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
