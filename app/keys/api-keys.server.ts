import { prisma } from "~/db/client.server";
import { lastFour, maskSecret } from "./mask";
import { encryptSecret } from "./secret-box.server";

/** Stores a provider key encrypted; callers get back only its masked form. */
export async function storeApiKey(input: {
  organizationId: string;
  subscriptionId?: string;
  label: string;
  envVarName: string;
  secret: string;
  createdById?: string;
}) {
  const key = await prisma.apiKey.create({
    data: {
      organizationId: input.organizationId,
      subscriptionId: input.subscriptionId ?? null,
      label: input.label,
      envVarName: input.envVarName,
      ciphertext: encryptSecret(input.secret),
      last4: lastFour(input.secret),
      createdById: input.createdById ?? null,
    },
    select: { id: true, label: true, envVarName: true, last4: true },
  });
  return { id: key.id, label: key.label, envVarName: key.envVarName, masked: maskSecret(key.last4) };
}

export async function listApiKeys(organizationId: string) {
  const keys = await prisma.apiKey.findMany({
    where: { organizationId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, label: true, envVarName: true, last4: true, subscriptionId: true, createdAt: true },
  });
  return keys.map(({ last4, ...rest }) => ({ ...rest, masked: maskSecret(last4) }));
}
