import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";

/**
 * Organisation tokens for usage ingestion. A token is 256 random bits shown once when it
 * is created; only its SHA-256 is stored (a fast hash is enough for a random secret of
 * that size, unlike a password), so a copy of the database cannot report usage.
 */
const PREFIX = "amp_ingest_";

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export const CreateTokenSchema = z.object({
  name: z
    .string({ error: "Give the token a name, e.g. the system that will use it." })
    .trim()
    .min(1, "Give the token a name, e.g. the system that will use it.")
    .max(80, "Keep the name under 80 characters."),
});

export async function createIngestionToken(
  { organizationId, name, createdById }: { organizationId: string; name: string; createdById: string },
  audit: AuditOrigin,
) {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const record = await prisma.$transaction(async (tx) => {
    const created = await tx.ingestionToken.create({
      data: {
        organizationId,
        name,
        createdById,
        tokenHash: hashToken(token),
        prefix: token.slice(0, PREFIX.length + 4),
      },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "ingestion_token.created",
        target: { type: "ingestion token", id: created.id, label: `${created.name} (${created.prefix}…)` },
      },
      tx,
    );
    return created;
  });
  return { ...record, token };
}

export function listIngestionTokens(organizationId: string) {
  return prisma.ingestionToken.findMany({
    where: { organizationId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
    },
  });
}

/** Revokes a token of this organisation; false when there is no such live token. */
export async function revokeIngestionToken(organizationId: string, tokenId: string, audit: AuditOrigin) {
  return prisma.$transaction(async (tx) => {
    const token = await tx.ingestionToken.findFirst({
      where: { id: tokenId, organizationId, revokedAt: null },
      select: { name: true, prefix: true },
    });
    if (!token) return false;
    await tx.ingestionToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "ingestion_token.revoked",
        target: { type: "ingestion token", id: tokenId, label: `${token.name} (${token.prefix}…)` },
      },
      tx,
    );
    return true;
  });
}

/** The organisation a bearer token reports for, or why it cannot be used. */
export async function authenticateIngestionToken(
  authorization: string | null,
): Promise<{ ok: true; organizationId: string; tokenId: string } | { ok: false; message: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token)
    return { ok: false, message: "Send the organisation's ingestion token: Authorization: Bearer amp_ingest_…" };
  const record = await prisma.ingestionToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!record) return { ok: false, message: "That ingestion token is not valid." };
  if (record.revokedAt)
    return { ok: false, message: "That ingestion token was revoked. Ask an admin of your organisation for a new one." };
  // "Last used" to the minute is enough, and spares a write per batch.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await prisma.ingestionToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return { ok: true, organizationId: record.organizationId, tokenId: record.id };
}
