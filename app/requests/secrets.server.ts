import { z } from "zod";
import { envVarNameFor } from "~/catalog/env-var-name";
import { providerOrigins, type ProviderOrigin } from "~/catalog/provider-hosts";
import { prisma } from "~/db/client.server";
import { lastFour, maskSecret } from "~/keys/mask";
import { decryptSecret, encryptSecret } from "~/keys/secret-box.server";

/**
 * Each person's own values for a session's secret variables (Hoppscotch #4528, #5912):
 * encrypted at rest like provider keys, looked up only for their owner when they send,
 * never written into the room and never shown to anyone else, masked even to the owner.
 */
export const VariableName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/,
    "A variable name starts with a letter or _ and has only letters, digits, _ . - (at most 64).",
  );

export const SecretInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set"),
    environmentId: z.string().min(1).max(64),
    name: VariableName,
    value: z
      .string()
      .min(1, "Enter your value.")
      .max(8192, "That value is too long (at most 8192 characters).")
      .regex(/^[^\r\n\0]*$/, "A secret must not contain line breaks."),
  }),
  z.object({ intent: z.literal("clear"), environmentId: z.string().min(1).max(64), name: VariableName }),
]);

export async function setSecret(
  userId: string,
  documentId: string,
  input: { environmentId: string; name: string; value: string },
) {
  const data = { ciphertext: encryptSecret(input.value), last4: lastFour(input.value) };
  await prisma.sessionSecret.upsert({
    where: {
      userId_documentId_environmentId_name: {
        userId,
        documentId,
        environmentId: input.environmentId,
        name: input.name,
      },
    },
    create: { userId, documentId, environmentId: input.environmentId, name: input.name, ...data },
    update: data,
  });
}

export async function clearSecret(userId: string, documentId: string, input: { environmentId: string; name: string }) {
  await prisma.sessionSecret.deleteMany({
    where: { userId, documentId, environmentId: input.environmentId, name: input.name },
  });
}

/** My secrets in this session, masked: what the builder shows next to each secret variable. */
export async function listMySecrets(userId: string, documentId: string) {
  const rows = await prisma.sessionSecret.findMany({
    where: { userId, documentId },
    select: { environmentId: true, name: true, last4: true },
  });
  return rows.map((r) => ({ environmentId: r.environmentId, name: r.name, masked: maskSecret(r.last4) }));
}

/**
 * Values for the names a request uses, for its sender only: their own secrets in this
 * environment first, then (for workspace members, never guests) the organisation's
 * managed keys by their variable name (STRIPE_API_KEY, ...), as imported requests use.
 * Each managed key comes with the origins of its provider from the catalog (its
 * subscription's API, or the API whose key variable it is named after): it may be sent
 * there and nowhere else. A managed key whose provider is not in the catalog is not used.
 */
export type ManagedKeyUse = { apiName: string; origins: ProviderOrigin[] };

export async function secretValuesFor(input: {
  userId: string;
  documentId: string;
  environmentId: string | null;
  names: string[];
  organizationId: string | null;
}) {
  const values = new Map<string, string>();
  const managed = new Map<string, ManagedKeyUse>();
  if (input.names.length === 0) return { values, managed };
  if (input.environmentId) {
    const own = await prisma.sessionSecret.findMany({
      where: {
        userId: input.userId,
        documentId: input.documentId,
        environmentId: input.environmentId,
        name: { in: input.names },
      },
      select: { name: true, ciphertext: true },
    });
    for (const row of own) values.set(row.name, decryptSecret(row.ciphertext));
  }
  const missing = input.names.filter((n) => !values.has(n));
  if (input.organizationId && missing.length) {
    for (const key of await managedKeysOf(input.organizationId, missing)) {
      if (values.has(key.name)) continue;
      values.set(key.name, decryptSecret(key.ciphertext));
      managed.set(key.name, { apiName: key.apiName, origins: key.origins });
    }
  }
  return { values, managed };
}

/**
 * The organisation's managed keys usable from requests (newest first per variable), each
 * with its provider from the catalog; keys whose provider is unknown are left out.
 */
async function managedKeysOf(organizationId: string, names?: string[]) {
  const keys = await prisma.apiKey.findMany({
    where: { organizationId, revokedAt: null, ...(names ? { envVarName: { in: names } } : {}) },
    orderBy: { createdAt: "desc" },
    select: {
      envVarName: true,
      ciphertext: true,
      subscription: { select: { plan: { select: { api: { select: CATALOG_API } } } } },
    },
  });
  const byVariable = await catalogApisByKeyVariable(keys.filter((k) => !k.subscription).map((k) => k.envVarName));
  const seen = new Set<string>();
  return keys.flatMap((key) => {
    const api = key.subscription?.plan.api ?? byVariable.get(key.envVarName);
    if (!api || seen.has(key.envVarName)) return [];
    seen.add(key.envVarName);
    return [{ name: key.envVarName, ciphertext: key.ciphertext, apiName: api.name, origins: providerOrigins(api) }];
  });
}

/** What the request builder may know of the organisation's keys: names and where they go. */
export async function orgKeyNamesFor(organizationId: string) {
  return (await managedKeysOf(organizationId)).map((k) => ({
    name: k.name,
    apiName: k.apiName,
    hosts: k.origins.map((o) => o.label.replace(/^https:\/\//, "")),
  }));
}

const CATALOG_API = { slug: true, name: true, baseUrl: true, openApiSpec: true } as const;

async function catalogApisByKeyVariable(variables: string[]) {
  const found = new Map<string, { name: string; baseUrl: string; openApiSpec: unknown }>();
  if (variables.length === 0) return found;
  const apis = await prisma.api.findMany({ select: CATALOG_API });
  for (const api of apis) {
    const variable = envVarNameFor(api.slug);
    if (variables.includes(variable)) found.set(variable, api);
  }
  return found;
}
