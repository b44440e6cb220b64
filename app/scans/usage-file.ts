import { z } from "zod";
import type { Volume } from "./cost";

/**
 * A usage file (like Infracost's): monthly volumes per provider and operation, for pricing
 * what the code calls before there are usage records. JSON:
 *   { "stripe": { "createPaymentIntent": { "monthlyCalls": 20000, "unitsPerCall": { "volume_usd": 42 } } } }
 */
const Operation = z.object({
  monthlyCalls: z.number().int().min(0),
  unitsPerCall: z.record(z.string(), z.number().min(0)).default({}),
});
export const UsageFile = z.record(z.string(), z.record(z.string(), Operation));

export function parseUsageFile(json: unknown): { ok: true; volumes: Volume[] } | { ok: false; message: string } {
  const parsed = UsageFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      message: `The usage file is not valid at ${issue.path.join(".") || "its top level"}: ${issue.message}`,
    };
  }
  const volumes = Object.entries(parsed.data).flatMap(([provider, operations]) =>
    Object.entries(operations).map(([operation, v]) => ({
      provider,
      operation,
      monthlyCalls: v.monthlyCalls,
      unitsPerCall: v.unitsPerCall,
    })),
  );
  return { ok: true, volumes };
}
