import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Role } from "~/generated/prisma/enums";
import { can, type Permission } from "./permissions";
import { requireUser, type SessionUser } from "./session.server";
import { httpError, notFound } from "~/http/responses.server";

/**
 * The one authorization rule of the app: you see a workspace, and everything in it,
 * only through your membership of it; your role decides what you may change.
 * Anything you are not a member of answers 404, so ids of other organisations' things
 * cannot be probed.
 * One exception, for request sessions only (docs/decisions/010-session-guests.md): a
 * person who joined a session by code is a guest of that one document, while the code
 * is valid. Routes opt in with `allowGuests`; guests never get "manage" and see nothing
 * else of the workspace.
 */

const Id = z.string().uuid();

export type WorkspaceAccess = {
  user: SessionUser;
  role: Role;
  workspace: { id: string; name: string; organizationId: string; organizationName: string; archived: boolean };
};

export async function workspaceRoleOf(userId: string, workspaceId: string): Promise<Role | null> {
  if (!Id.safeParse(workspaceId).success) return null;
  const membership = await prisma.workspaceMembership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

export async function requireWorkspaceAccess(
  request: Request,
  workspaceId: string | undefined,
  permission: Permission,
): Promise<WorkspaceAccess> {
  const user = await requireUser(request);
  if (!workspaceId || !Id.safeParse(workspaceId).success) throw notFound();
  const membership = await prisma.workspaceMembership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: user.id } },
    select: {
      role: true,
      workspace: {
        select: {
          id: true,
          name: true,
          organizationId: true,
          archivedAt: true,
          organization: { select: { name: true } },
        },
      },
    },
  });
  if (!membership) throw notFound();
  if (!can(membership.role, permission)) throw forbidden(permission);
  if (permission === "write" && membership.workspace.archivedAt) throw archived();
  const { workspace } = membership;
  return {
    user,
    role: membership.role,
    workspace: {
      id: workspace.id,
      name: workspace.name,
      organizationId: workspace.organizationId,
      organizationName: workspace.organization.name,
      archived: workspace.archivedAt !== null,
    },
  };
}

export async function requireDocumentAccess(
  request: Request,
  workspaceId: string | undefined,
  documentId: string | undefined,
  permission: Permission,
  options: { allowGuests?: boolean } = {},
) {
  if (options.allowGuests && permission !== "manage") {
    const user = await requireUser(request);
    if (workspaceId && (await workspaceRoleOf(user.id, workspaceId)) === null) {
      const guest = await guestAccessOf(user, workspaceId, documentId, permission);
      if (!guest) throw notFound();
      return guest;
    }
  }
  const access = await requireWorkspaceAccess(request, workspaceId, permission);
  if (!documentId || !Id.safeParse(documentId).success) throw notFound();
  const document = await prisma.document.findFirst({
    where: { id: documentId, workspaceId: access.workspace.id },
  });
  if (!document) throw notFound();
  if (document.archivedAt && permission === "write") throw archivedDocument();
  return { ...access, document, guest: false };
}

export type DocumentAccess = Awaited<ReturnType<typeof requireDocumentAccess>>;

/**
 * A guest's access to one request session: they joined it with a code that is neither
 * expired nor revoked. Guests act like members inside the document (edit, send, chat).
 */
export async function activeGuestGrant(userId: string, documentId: string) {
  if (!Id.safeParse(documentId).success) return null;
  return prisma.sessionGuest.findFirst({
    where: {
      userId,
      documentId,
      document: { kind: "REQUEST" },
      code: { revokedAt: null, expiresAt: { gt: new Date() } },
    },
    select: { id: true },
  });
}

async function guestAccessOf(
  user: SessionUser,
  workspaceId: string,
  documentId: string | undefined,
  permission: Permission,
) {
  if (!documentId || !(await activeGuestGrant(user.id, documentId))) return null;
  const document = await prisma.document.findFirst({
    where: { id: documentId, workspaceId },
    include: {
      workspace: {
        select: {
          id: true,
          name: true,
          organizationId: true,
          archivedAt: true,
          organization: { select: { name: true } },
        },
      },
    },
  });
  if (!document) return null;
  if (document.workspace.archivedAt && permission === "write") throw archived();
  if (document.archivedAt && permission === "write") throw archivedDocument();
  const { workspace, ...rest } = document;
  return {
    user,
    role: "MEMBER" as Role,
    guest: true,
    workspace: {
      id: workspace.id,
      name: workspace.name,
      organizationId: workspace.organizationId,
      organizationName: workspace.organization.name,
      archived: workspace.archivedAt !== null,
    },
    document: rest,
  };
}

/**
 * The same rule one level up, for organisation-wide things (ingestion tokens, cost
 * centers): your organisation membership and its role decide.
 */
export async function requireOrganizationAccess(
  request: Request,
  organizationId: string | undefined,
  permission: Permission,
) {
  const user = await requireUser(request);
  if (!organizationId || !Id.safeParse(organizationId).success) throw notFound();
  const membership = await prisma.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId: user.id } },
    select: { role: true, organization: { select: { id: true, name: true } } },
  });
  if (!membership) throw notFound();
  if (!can(membership.role, permission)) throw forbidden(permission, "organisation");
  return { user, role: membership.role, organization: membership.organization };
}

const archived = () =>
  httpError(409, "This workspace is archived, so it is read-only. An owner or admin can restore it from its settings.");

const archivedDocument = () =>
  httpError(409, "This document is archived, so it is read-only. Restore it from the workspace page to change it.");

const forbidden = (permission: Permission, scope: "workspace" | "organisation" = "workspace") =>
  httpError(
    403,
    permission === "manage"
      ? `Only owners and admins of this ${scope} can do that.`
      : "Viewers can look but not change anything here. Ask an admin for member access.",
  );
