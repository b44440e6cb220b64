import { createHmac, randomBytes } from "node:crypto";
import type { SessionUser } from "~/auth/session.server";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import type { SnippetVisibility } from "~/generated/prisma/enums";
import { clientNetwork } from "~/http/client-address";
import { toDay } from "~/time/days";

/**
 * Saved code: private to its workspace by default; public ones are readable by anyone
 * with the share link. The share id is 128 random bits, never derived from anything.
 */
export function newShareId(): string {
  return randomBytes(16).toString("base64url");
}

export async function createSnippet(input: {
  workspaceId: string;
  userId: string;
  title: string;
  language: string;
  apiSlug: string | null;
  code: string;
}) {
  return prisma.snippet.create({
    data: {
      shareId: newShareId(),
      workspaceId: input.workspaceId,
      createdById: input.userId,
      title: input.title,
      language: input.language,
      apiSlug: input.apiSlug,
      code: input.code,
    },
    select: { id: true, shareId: true, title: true, visibility: true },
  });
}

export async function listSnippets(workspaceId: string) {
  return prisma.snippet.findMany({
    where: { workspaceId },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      shareId: true,
      title: true,
      language: true,
      apiSlug: true,
      visibility: true,
      viewCount: true,
      forkCount: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
      forkedFrom: { select: { title: true, shareId: true, visibility: true } },
    },
  });
}

/** The snippet behind a share link, if this viewer may see it: public, or a member of its workspace. */
export async function snippetForViewer(shareId: string, viewer: SessionUser | null) {
  const snippet = await prisma.snippet.findUnique({
    where: { shareId },
    include: {
      createdBy: { select: { name: true } },
      forkedFrom: { select: { title: true, shareId: true, visibility: true } },
      workspace: {
        select: {
          id: true,
          name: true,
          memberships: viewer ? { where: { userId: viewer.id }, select: { role: true } } : false,
        },
      },
    },
  });
  if (!snippet) return null;
  const role = snippet.workspace.memberships?.[0]?.role ?? null;
  if (snippet.visibility !== "PUBLIC" && !role) return null;
  const { workspace, ...rest } = snippet;
  return { ...rest, workspace: { id: workspace.id, name: workspace.name }, viewerRole: role };
}

/**
 * Who is looking, as a keyed hash of the account (or, logged out, the client's network:
 * its IPv4 address or IPv6 /64) and the day. Nothing the client sends (User-Agent, cookies)
 * goes into the key, so a script cannot inflate the count by varying it; people behind one
 * address count once a day. The raw address is never stored, and keys of different days
 * don't match, so views can't be followed from day to day.
 */
export function viewerKey(request: Request, viewer: SessionUser | null, now = new Date()): string {
  const who = viewer ? `user:${viewer.id}` : `anon:${clientNetwork(request)}`;
  return createHmac("sha256", `snippet-views:${env().SESSION_SECRET}`)
    .update(`${toDay(now)}|${who}`)
    .digest("base64url");
}

/** Counts a view once per viewer per day; reloads change nothing. Returns the count now. */
export async function recordView(snippetId: string, key: string, now = new Date()): Promise<number> {
  const day = toDay(now);
  const rows = await prisma.$queryRaw<{ viewCount: number }[]>`
    WITH inserted AS (
      INSERT INTO "SnippetView" ("snippetId", "viewerKey", "day") VALUES (${snippetId}, ${key}, ${day}::date)
      ON CONFLICT DO NOTHING RETURNING 1
    )
    UPDATE "Snippet" SET "viewCount" = "viewCount" + (SELECT count(*) FROM inserted)::int
    WHERE "id" = ${snippetId} RETURNING "viewCount"`;
  return Number(rows[0]?.viewCount ?? 0);
}

export async function setSnippetVisibility(snippetId: string, visibility: SnippetVisibility) {
  return prisma.snippet.update({ where: { id: snippetId }, data: { visibility }, select: { visibility: true } });
}

export async function deleteSnippet(snippetId: string) {
  await prisma.snippet.delete({ where: { id: snippetId } });
}

/** Copies a snippet the viewer can see into a workspace they write in, privately; counts the fork. */
export async function forkSnippet(
  source: { id: string; title: string; language: string; apiSlug: string | null; code: string },
  target: { workspaceId: string; userId: string },
) {
  const [fork] = await prisma.$transaction([
    prisma.snippet.create({
      data: {
        shareId: newShareId(),
        workspaceId: target.workspaceId,
        createdById: target.userId,
        title: source.title,
        language: source.language,
        apiSlug: source.apiSlug,
        code: source.code,
        forkedFromId: source.id,
      },
      select: { id: true, shareId: true },
    }),
    prisma.snippet.update({ where: { id: source.id }, data: { forkCount: { increment: 1 } } }),
  ]);
  return fork;
}

/** Workspaces this person can fork into (those they may write in). */
export async function writableWorkspaces(userId: string) {
  const memberships = await prisma.workspaceMembership.findMany({
    where: { userId, role: { in: ["OWNER", "ADMIN", "MEMBER"] } },
    orderBy: { workspace: { name: "asc" } },
    select: { workspace: { select: { id: true, name: true, organization: { select: { name: true } } } } },
  });
  return memberships.map(({ workspace }) => ({
    id: workspace.id,
    name: `${workspace.name} (${workspace.organization.name})`,
  }));
}
