import { envVarNameFor } from "~/catalog/env-var-name";
import { prisma } from "~/db/client.server";

/**
 * The environment variable name code should read an API's key from: the name on the
 * organisation's stored key for that API if it has one, else the catalog's default.
 * Only the name is selected; the ciphertext never leaves the keys table here, so no
 * secret can reach a prompt, a room or a log through the playground.
 */
export async function keyPlaceholderFor(organizationId: string, apiSlug: string): Promise<string> {
  const key = await prisma.apiKey.findFirst({
    where: { organizationId, revokedAt: null, subscription: { plan: { api: { slug: apiSlug } } } },
    orderBy: { createdAt: "desc" },
    select: { envVarName: true },
  });
  return key?.envVarName ?? envVarNameFor(apiSlug);
}
