import { z } from "zod";
import { prisma } from "~/db/client.server";
import { lastFour } from "~/keys/mask";
import { encryptSecret } from "~/keys/secret-box.server";
import { recordSsoChange, type Actor } from "./audit.server";
import { discover, issuerProblem, ProviderUnreachable } from "./relying-party.server";

/**
 * An organisation's identity provider: saved only after its discovery document was read
 * through the guarded client (so a typo is caught at once), with the client secret encrypted
 * by the secret box and never shown again (only its last four characters).
 */
const printable = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} is longer than ${max} characters.`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), `The ${label} has characters that cannot be typed.`)
    .refine((v) => v.isWellFormed(), `The ${label} has characters that cannot be typed.`);

export const ConnectionSchema = z.object({
  issuer: printable("issuer URL", 500)
    .transform((v) => v.replace(/\/+$/, ""))
    .superRefine((v, ctx) => {
      const problem = issuerProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  clientId: printable("client ID", 255),
  /** Blank when editing: keeps the stored secret. */
  clientSecret: z
    .string()
    .max(1000, "The client secret is longer than 1,000 characters.")
    .refine(
      (v) => v.isWellFormed() && !/[\u0000-\u001f\u007f]/.test(v),
      "The client secret has characters that cannot be typed.",
    )
    .optional()
    .transform((v) => v?.trim() || undefined),
  defaultRole: z.enum(["ADMIN", "MEMBER", "VIEWER"], { error: "Choose the role newcomers get." }),
});

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

export async function connectionSummary(organizationId: string) {
  const connection = await prisma.ssoConnection.findUnique({ where: { organizationId } });
  if (!connection) return null;
  return {
    id: connection.id,
    issuer: connection.issuer,
    clientId: connection.clientId,
    secretHint: connection.clientSecretHint,
    defaultRole: connection.defaultRole,
    lastSuccessAt: connection.lastSuccessAt?.toISOString() ?? null,
  };
}

export async function saveConnection(actor: Actor, input: z.infer<typeof ConnectionSchema>): Promise<SaveResult> {
  const existing = await prisma.ssoConnection.findUnique({ where: { organizationId: actor.organizationId } });
  const secret = input.clientSecret;
  if (!secret && !existing) return { ok: false, fieldErrors: { clientSecret: "Enter the client secret." } };
  try {
    await discover(input.issuer, input.clientId, secret);
  } catch (error) {
    if (!(error instanceof ProviderUnreachable)) throw error;
    return {
      ok: false,
      fieldErrors: { issuer: `We could not read ${input.issuer}/.well-known/openid-configuration: ${error.message}` },
    };
  }
  const settings = { issuer: input.issuer, clientId: input.clientId, defaultRole: input.defaultRole, enabled: true };
  const sealed = secret ? { clientSecretEncrypted: encryptSecret(secret), clientSecretHint: lastFour(secret) } : null;
  // A different provider has not proven itself yet.
  const sameProvider = existing && existing.issuer === input.issuer && existing.clientId === input.clientId;
  await prisma.$transaction(async (tx) => {
    const saved = existing
      ? await tx.ssoConnection.update({
          where: { id: existing.id },
          data: { ...settings, ...sealed, ...(sameProvider ? {} : { lastSuccessAt: null }) },
        })
      : await tx.ssoConnection.create({ data: { organizationId: actor.organizationId, ...settings, ...sealed! } });
    // The secret never goes to the log (nor a key named like it): its last four characters show a change.
    await recordSsoChange(
      tx,
      actor,
      "sso.connection_saved",
      { type: "sso_connection", id: saved.id, label: input.issuer },
      {
        before: existing && {
          issuer: existing.issuer,
          clientId: existing.clientId,
          defaultRole: existing.defaultRole,
          clientCredentialEnding: existing.clientSecretHint,
        },
        after: {
          issuer: input.issuer,
          clientId: input.clientId,
          defaultRole: input.defaultRole,
          clientCredentialEnding: saved.clientSecretHint,
        },
      },
    );
  });
  return { ok: true };
}

/** Removes the provider; domains that required it fall back to passwords, or nobody could sign in. */
export async function removeConnection(actor: Actor) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.ssoConnection.findUnique({ where: { organizationId: actor.organizationId } });
    if (!existing) return false;
    await tx.ssoConnection.delete({ where: { id: existing.id } });
    await tx.ssoDomain.updateMany({ where: { organizationId: actor.organizationId }, data: { requireSso: false } });
    await recordSsoChange(
      tx,
      actor,
      "sso.connection_removed",
      { type: "sso_connection", id: existing.id, label: existing.issuer },
      { before: { issuer: existing.issuer, clientId: existing.clientId } },
    );
    return true;
  });
}
