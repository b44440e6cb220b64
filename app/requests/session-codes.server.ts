import { createHmac } from "node:crypto";
import { z } from "zod";
import { env } from "~/config/env.server";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { cutRoomAccess } from "~/auth/access-cut.server";
import { workspaceRoleOf } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import type { Role } from "~/generated/prisma/enums";
import { retryAfterSeconds } from "~/http/responses.server";
import { clientAddress, consumeRateLimits } from "~/rate-limit/rate-limit.server";
import { CODE_LENGTH, formatCode, generateCode, normalizeCode } from "./session-code";

/**
 * Session codes (format in ./session-code.ts). Only an HMAC (keyed with SESSION_SECRET)
 * is stored, so a copy of the database cannot be brute-forced offline; online guessing
 * is stopped by per-account and per-address limits on attempts.
 */
export const JOIN_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 30, windowSeconds: 15 * 60 },
};

export const CODE_LIFETIMES = { "1h": 3600, "24h": 86_400, "7d": 7 * 86_400 } as const;

export const CreateCodeSchema = z.object({
  intent: z.literal("create"),
  lifetime: z.enum(Object.keys(CODE_LIFETIMES) as [keyof typeof CODE_LIFETIMES], {
    error: "Choose how long the code works: 1h, 24h or 7d.",
  }),
});
export const RevokeCodeSchema = z.object({
  intent: z.literal("revoke"),
  codeId: z.string().uuid({ error: "Say which code to revoke." }),
});

const hashCode = (code: string) =>
  createHmac("sha256", env().SESSION_SECRET).update(`session-code:${code}`).digest("base64url");

export async function createSessionCode(input: {
  documentId: string;
  createdById: string;
  lifetime: keyof typeof CODE_LIFETIMES;
}) {
  const code = generateCode();
  const expiresAt = new Date(Date.now() + CODE_LIFETIMES[input.lifetime] * 1000);
  const row = await prisma.sessionCode.create({
    data: {
      documentId: input.documentId,
      createdById: input.createdById,
      codeHash: hashCode(code),
      hint: code.slice(-4),
      expiresAt,
    },
    select: { id: true, expiresAt: true },
  });
  return { id: row.id, code: formatCode(code), expiresAt: row.expiresAt };
}

export async function listSessionCodes(documentId: string) {
  const codes = await prisma.sessionCode.findMany({
    where: { documentId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      hint: true,
      expiresAt: true,
      createdById: true,
      createdBy: { select: { name: true } },
      _count: { select: { guests: true } },
    },
  });
  return codes.map((c) => ({
    id: c.id,
    hint: c.hint,
    expiresAt: c.expiresAt.toISOString(),
    createdById: c.createdById,
    createdBy: c.createdBy?.name ?? "someone",
    guests: c._count.guests,
  }));
}

/**
 * The code's creator, or an owner or admin of the workspace, may revoke it. The guests who
 * joined with it lose the session: their open rooms are cut within a minute
 * (docs/decisions/073-cutting-room-access.md).
 */
export async function revokeSessionCode(
  input: { documentId: string; codeId: string; userId: string; role: Role; organizationId: string },
  audit: AuditOrigin,
) {
  const code = await prisma.sessionCode.findFirst({
    where: { id: input.codeId, documentId: input.documentId, revokedAt: null },
    include: { document: { select: { title: true } }, guests: { select: { userId: true } } },
  });
  if (!code) return { ok: false as const, status: 404, message: "That code does not exist or is already revoked." };
  if (code.createdById !== input.userId && !can(input.role, "manage")) {
    return {
      ok: false as const,
      status: 403,
      message: "Only whoever created this code, or a workspace admin, can revoke it.",
    };
  }
  await prisma.$transaction(async (tx) => {
    await tx.sessionCode.update({ where: { id: code.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        ...audit,
        organizationId: input.organizationId,
        action: "session.code_revoked",
        target: { type: "session code", id: code.id, label: `…${code.hint} of ${code.document.title}` },
        before: { guests: code.guests.length },
      },
      tx,
    );
  });
  // A guest who also holds another valid code keeps access: the cut asks PostgreSQL per room.
  await cutRoomAccess(code.guests.map((g) => ({ userId: g.userId, documentId: input.documentId })));
  return { ok: true as const };
}

export type JoinResult =
  | { ok: true; workspaceId: string; documentId: string; guest: boolean }
  | { ok: false; status: 400 | 429; message: string; resetAt?: Date };

const WRONG =
  "That code does not match an open session. Check it with whoever shared it (codes expire and can be revoked).";

/** Joins a session by code: members go straight in, anyone else becomes a guest of that document. */
export async function joinByCode(request: Request, user: { id: string }, input: string): Promise<JoinResult> {
  const limited = await consumeRateLimits([
    [`join:account:${user.id}`, JOIN_LIMITS.perAccount],
    [`join:address:${clientAddress(request)}`, JOIN_LIMITS.perAddress],
  ]);
  if (!limited.allowed) {
    const seconds = retryAfterSeconds(limited.resetAt);
    return {
      ok: false,
      status: 429,
      message: `Too many attempts to join with a code. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      resetAt: limited.resetAt,
    };
  }
  const code = normalizeCode(input);
  if (!code)
    return {
      ok: false,
      status: 400,
      message: `A session code has ${CODE_LENGTH} letters and digits, like 7KQ4-M9XD-2HPC.`,
    };
  const row = await prisma.sessionCode.findFirst({
    where: { codeHash: hashCode(code), revokedAt: null, expiresAt: { gt: new Date() }, document: { kind: "REQUEST" } },
    select: { id: true, documentId: true, document: { select: { workspaceId: true } } },
  });
  if (!row) return { ok: false, status: 400, message: WRONG };
  const { workspaceId } = row.document;
  if ((await workspaceRoleOf(user.id, workspaceId)) !== null)
    return { ok: true, workspaceId, documentId: row.documentId, guest: false };
  await prisma.sessionGuest.upsert({
    where: { documentId_userId: { documentId: row.documentId, userId: user.id } },
    create: { documentId: row.documentId, userId: user.id, codeId: row.id },
    update: { codeId: row.id },
  });
  return { ok: true, workspaceId, documentId: row.documentId, guest: true };
}
