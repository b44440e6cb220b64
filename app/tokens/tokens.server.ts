import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { httpError } from "~/http/responses.server";
import { plainText } from "~/http/validation.server";
import { SCOPE_NAMES, TOKEN_LIFETIMES, type TokenScope } from "./scopes";

/**
 * Personal access tokens (docs/decisions/074-personal-access-tokens.md): a person's token
 * for the automation API, acting as them in one organisation, with the scopes they chose.
 * 256 random bits shown once; only the SHA-256 is stored. It stops working when it expires,
 * is revoked, or its person is no longer in the organisation; every route checks its scope.
 */
const PREFIX = "amp_pat_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export const CreateTokenSchema = z.object({
  intent: z.literal("create"),
  name: plainText({ required: "Name the token after what will use it, e.g. “CI”.", max: 80 }),
  organizationId: z.string().uuid("Choose an organisation."),
  scopes: z
    .union([z.string(), z.array(z.string())], { error: "Choose at least one scope." })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.enum(SCOPE_NAMES, { error: "Choose scopes from the list." }))
        .min(1, "Choose at least one scope.")
        .max(SCOPE_NAMES.length),
    ),
  expiresInDays: z.enum(Object.keys(TOKEN_LIFETIMES) as [keyof typeof TOKEN_LIFETIMES], {
    error: "Choose when the token expires: 7, 30, 90 or 365 days.",
  }),
});
export const RevokeTokenSchema = z.object({ intent: z.literal("revoke"), tokenId: z.string().uuid("Choose a token.") });

export async function createPersonalToken(
  user: { id: string },
  input: z.infer<typeof CreateTokenSchema>,
  audit: AuditOrigin,
): Promise<{ ok: true; token: string; name: string } | { ok: false; status: 404; message: string }> {
  const membership = await prisma.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId: input.organizationId, userId: user.id } },
    select: { id: true },
  });
  if (!membership) return { ok: false, status: 404, message: "You are not a member of that organisation." };
  const token = PREFIX + randomBytes(32).toString("base64url");
  const scopes = [...new Set(input.scopes)].sort();
  const expiresAt = new Date(Date.now() + Number(input.expiresInDays) * 86_400_000);
  await prisma.$transaction(async (tx) => {
    const created = await tx.personalAccessToken.create({
      data: {
        userId: user.id,
        organizationId: input.organizationId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, PREFIX.length + 4),
        scopes,
        expiresAt,
      },
      select: { id: true, prefix: true },
    });
    await recordAudit(
      {
        ...audit,
        organizationId: input.organizationId,
        action: "token.created",
        target: { type: "personal access token", id: created.id, label: `${input.name} (${created.prefix}…)` },
        after: { scopes, expires: expiresAt.toISOString().slice(0, 10) },
      },
      tx,
    );
  });
  return { ok: true, token, name: input.name };
}

export async function listPersonalTokens(userId: string) {
  const rows = await prisma.personalAccessToken.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
    },
  });
  return rows.map(({ organization, ...t }) => ({ ...t, organizationName: organization.name }));
}

export async function revokePersonalToken(userId: string, tokenId: string, audit: AuditOrigin): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.personalAccessToken.findFirst({
      where: { id: tokenId, userId, revokedAt: null },
      select: { name: true, prefix: true, organizationId: true },
    });
    if (!token) return false;
    await tx.personalAccessToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        ...audit,
        organizationId: token.organizationId,
        action: "token.revoked",
        target: { type: "personal access token", id: tokenId, label: `${token.name} (${token.prefix}…)` },
      },
      tx,
    );
    return true;
  });
}

export type TokenIdentity = {
  user: { id: string; email: string; name: string };
  organizationId: string;
  tokenId: string;
  scopes: TokenScope[];
};

/**
 * For automation API routes: who a bearer token acts as, in which organisation, if it has
 * `scope`. Otherwise throws a JSON 401 (no usable token) or 403 (the token lacks the scope).
 */
export async function authenticateToken(request: Request, scope: TokenScope): Promise<TokenIdentity> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!bearer?.startsWith(PREFIX))
    throw httpError(
      401,
      "Send a personal access token: Authorization: Bearer amp_pat_… (create one at /settings/tokens).",
    );
  const token = await prisma.personalAccessToken.findUnique({
    where: { tokenHash: hashToken(bearer) },
    select: {
      id: true,
      userId: true,
      organizationId: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!token) throw httpError(401, "That personal access token is not valid.");
  if (token.revokedAt)
    throw httpError(401, "That personal access token was revoked. Create a new one at /settings/tokens.");
  if (token.expiresAt.getTime() <= Date.now())
    throw httpError(401, "That personal access token has expired. Create a new one at /settings/tokens.");
  const member = await prisma.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId: token.organizationId, userId: token.userId } },
    select: { id: true },
  });
  if (!member) throw httpError(401, "The token's owner is no longer a member of its organisation.");
  if (!token.scopes.includes(scope))
    throw httpError(403, `This token cannot do that: it needs the "${scope}" scope. Create a token that has it.`);
  // "Last used" to the minute is enough, and spares a write per request.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)
    await prisma.personalAccessToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  return {
    user: token.user,
    organizationId: token.organizationId,
    tokenId: token.id,
    scopes: token.scopes as TokenScope[],
  };
}
