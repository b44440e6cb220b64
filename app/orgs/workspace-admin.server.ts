import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { requireUser } from "~/auth/session.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { httpError } from "~/http/responses.server";
import { plainText } from "~/http/validation.server";
import { cutLostAccess, syncWorkspaceAccess, type LostAccess } from "./access.server";
import { lowerRole, roleRank, RoleField } from "./roles";

/**
 * Workspaces as an organisation runs them: create, rename, archive and restore, and who is
 * in each, by team or by person. Owners and admins of the organisation manage every
 * workspace; a workspace's own owners and admins manage theirs.
 */
type Tx = Prisma.TransactionClient;

const Id = z.string().uuid();
const WorkspaceName = plainText({ required: "Give the workspace a name.", max: 100 });

export const CreateWorkspaceSchema = z.object({ intent: z.literal("create"), name: WorkspaceName });

export const WorkspaceSettingsSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("rename"), name: WorkspaceName }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
    z.object({ intent: z.literal("add-person"), userId: Id.describe("person"), role: RoleField }),
    z.object({ intent: z.literal("change-person"), userId: Id, role: RoleField }),
    z.object({ intent: z.literal("remove-person"), userId: Id }),
    z.object({ intent: z.literal("add-team"), teamId: Id, role: RoleField }),
    z.object({ intent: z.literal("change-team"), teamId: Id, role: RoleField }),
    z.object({ intent: z.literal("remove-team"), teamId: Id }),
  ],
  { error: "Choose what to change." },
);
export type WorkspaceSettingsIntent = z.infer<typeof WorkspaceSettingsSchema>;

export type WorkspaceChange =
  { ok: true; lost: LostAccess[] } | { ok: false; status: 400 | 403 | 404 | 409; field?: string; message: string };

const notFound = () => httpError(404, "Not found. It may have been deleted, or you may not have access to it.");

/**
 * Who may open a workspace's settings: its owners and admins, and the organisation's.
 * Anyone else in the organisation gets 403 if they are in the workspace, 404 otherwise.
 */
export async function requireWorkspaceSettings(request: Request, workspaceId: string | undefined) {
  const user = await requireUser(request);
  if (!workspaceId || !Id.safeParse(workspaceId).success) throw notFound();
  const workspace = await prisma.workspace.findUnique({
    where: { id: workspaceId },
    select: {
      id: true,
      name: true,
      archivedAt: true,
      organizationId: true,
      organization: {
        select: { name: true, memberships: { where: { userId: user.id }, select: { role: true } } },
      },
      memberships: { where: { userId: user.id }, select: { role: true } },
    },
  });
  const orgRole = workspace?.organization.memberships[0]?.role;
  const ownRole = workspace?.memberships[0]?.role;
  if (!workspace || (!orgRole && !ownRole)) throw notFound();
  const manages = (orgRole && can(orgRole, "manage")) || (ownRole && can(ownRole, "manage"));
  if (!manages) {
    if (!ownRole) throw notFound();
    throw httpError(403, "Only the workspace's owners and admins, and the organisation's, can change its settings.");
  }
  return {
    user,
    orgRole: orgRole ?? null,
    workspace: {
      id: workspace.id,
      name: workspace.name,
      archivedAt: workspace.archivedAt,
      organizationId: workspace.organizationId,
      organizationName: workspace.organization.name,
    },
  };
}

export async function listOrganizationWorkspaces(organizationId: string, userId: string) {
  const rows = await prisma.workspace.findMany({
    where: { organizationId },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      archivedAt: true,
      createdAt: true,
      _count: { select: { memberships: true, documents: true } },
      memberships: { where: { userId }, select: { role: true } },
      teamAccess: { select: { team: { select: { name: true } } } },
    },
  });
  return rows.map((w) => ({
    id: w.id,
    name: w.name,
    archived: w.archivedAt !== null,
    people: w._count.memberships,
    documents: w._count.documents,
    yourRole: w.memberships[0]?.role ?? null,
    teams: w.teamAccess.map((a) => a.team.name).sort(),
  }));
}

export async function workspaceAccessList(workspaceId: string) {
  const [people, teams] = await Promise.all([
    prisma.workspaceMembership.findMany({
      where: { workspaceId },
      orderBy: { user: { name: "asc" } },
      select: { role: true, source: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.workspaceTeamAccess.findMany({
      where: { workspaceId },
      orderBy: { team: { name: "asc" } },
      select: { role: true, team: { select: { id: true, name: true, _count: { select: { members: true } } } } },
    }),
  ]);
  return {
    people: people.map((p) => ({ ...p.user, role: p.role, source: p.source })),
    teams: teams.map((t) => ({ id: t.team.id, name: t.team.name, members: t.team._count.members, role: t.role })),
  };
}

export async function createWorkspace(
  input: { organizationId: string; actor: { id: string; role: Role }; name: string },
  audit: AuditOrigin,
) {
  const { organizationId, actor, name } = input;
  return prisma.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: {
        organizationId,
        name,
        memberships: { create: { userId: actor.id, role: lowerRole("OWNER", actor.role), source: "PERSON" } },
      },
      select: { id: true },
    });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "workspace.created",
        target: { type: "workspace", id: workspace.id, label: name },
      },
      tx,
    );
    return workspace;
  });
}

async function orgRoleOf(tx: Tx, organizationId: string, userId: string) {
  const m = await tx.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, user: { select: { name: true } } },
  });
  return m ? { role: m.role, name: m.user.name } : null;
}

/** Applies one settings change to a workspace (the caller checked requireWorkspaceSettings). */
export async function changeWorkspace(
  workspace: { id: string; name: string; organizationId: string; archivedAt: Date | null },
  intent: WorkspaceSettingsIntent,
  audit: AuditOrigin,
): Promise<WorkspaceChange> {
  const organizationId = workspace.organizationId;
  const target = { type: "workspace", id: workspace.id, label: workspace.name };
  const record = (
    tx: Tx,
    entry: Omit<Parameters<typeof recordAudit>[0], keyof AuditOrigin | "organizationId" | "target">,
  ) => recordAudit({ ...audit, organizationId, target, ...entry }, tx);

  return cutLostAccess(
    await prisma.$transaction(async (tx) => {
      switch (intent.intent) {
        case "rename": {
          if (intent.name === workspace.name) return { ok: true as const, lost: [] };
          await tx.workspace.update({ where: { id: workspace.id }, data: { name: intent.name } });
          await recordAudit(
            {
              ...audit,
              organizationId,
              action: "workspace.renamed",
              target: { ...target, label: intent.name },
              before: { name: workspace.name },
              after: { name: intent.name },
            },
            tx,
          );
          return { ok: true as const, lost: [] };
        }
        case "archive":
        case "restore": {
          const archive = intent.intent === "archive";
          if (archive === (workspace.archivedAt !== null)) return { ok: true as const, lost: [] };
          await tx.workspace.update({ where: { id: workspace.id }, data: { archivedAt: archive ? new Date() : null } });
          await record(tx, { action: archive ? "workspace.archived" : "workspace.restored" });
          // Archiving makes every open room read-only: writers lose writing.
          const lost: LostAccess[] = archive
            ? (
                await tx.workspaceMembership.findMany({
                  where: { workspaceId: workspace.id, role: { in: ["OWNER", "ADMIN", "MEMBER"] } },
                  select: { userId: true },
                })
              ).map((m) => ({ userId: m.userId, workspaceId: workspace.id, now: "VIEWER" as const }))
            : [];
          return { ok: true as const, lost };
        }
        case "add-person":
        case "change-person": {
          const person = await orgRoleOf(tx, organizationId, intent.userId);
          if (!person)
            return {
              ok: false as const,
              status: 400 as const,
              field: "userId",
              message: "Only members of the organisation can be added: invite them first.",
            };
          if (roleRank(intent.role) > roleRank(person.role))
            return {
              ok: false as const,
              status: 400 as const,
              field: "role",
              message: `${person.name} is ${ROLE_LABELS[person.role].toLowerCase()} of the organisation, so at most ${ROLE_LABELS[person.role].toLowerCase()} here.`,
            };
          const existing = await tx.workspaceMembership.findUnique({
            where: { workspaceId_userId: { workspaceId: workspace.id, userId: intent.userId } },
            select: { role: true, source: true },
          });
          if (intent.intent === "change-person" && existing?.source !== "PERSON")
            return { ok: false as const, status: 404 as const, message: `${person.name} was not added here by name.` };
          await tx.workspaceMembership.upsert({
            where: { workspaceId_userId: { workspaceId: workspace.id, userId: intent.userId } },
            create: { workspaceId: workspace.id, userId: intent.userId, role: intent.role, source: "PERSON" },
            update: { role: intent.role, source: "PERSON" },
          });
          const lost =
            existing && can(existing.role, "write") && !can(intent.role, "write")
              ? [{ userId: intent.userId, workspaceId: workspace.id, now: intent.role }]
              : [];
          await record(tx, {
            action: existing ? "workspace.access_changed" : "workspace.access_granted",
            before: existing ? { [person.name]: ROLE_LABELS[existing.role] } : null,
            after: { [person.name]: ROLE_LABELS[intent.role] },
          });
          return { ok: true as const, lost };
        }
        case "remove-person": {
          const existing = await tx.workspaceMembership.findFirst({
            where: { workspaceId: workspace.id, userId: intent.userId, source: "PERSON" },
            select: { id: true, role: true, user: { select: { name: true } } },
          });
          if (!existing)
            return { ok: false as const, status: 404 as const, message: "That person was not added here by name." };
          await tx.workspaceMembership.delete({ where: { id: existing.id } });
          // They may still be in through a team: sync decides, and says whether access ended.
          const lost = await syncWorkspaceAccess(tx, organizationId, [intent.userId]);
          const still = await tx.workspaceMembership.findUnique({
            where: { workspaceId_userId: { workspaceId: workspace.id, userId: intent.userId } },
            select: { role: true },
          });
          const ended: LostAccess[] = still
            ? can(existing.role, "write") && !can(still.role, "write")
              ? [{ userId: intent.userId, workspaceId: workspace.id, now: still.role }]
              : []
            : [{ userId: intent.userId, workspaceId: workspace.id, now: null }];
          await record(tx, {
            action: "workspace.access_removed",
            before: { [existing.user.name]: ROLE_LABELS[existing.role] },
            after: still ? { [existing.user.name]: `${ROLE_LABELS[still.role]} (through a team)` } : null,
          });
          return { ok: true as const, lost: [...lost, ...ended] };
        }
        case "add-team":
        case "change-team":
        case "remove-team": {
          const team = await tx.team.findFirst({
            where: { id: intent.teamId, organizationId },
            select: { id: true, name: true, members: { select: { userId: true } } },
          });
          if (!team)
            return {
              ok: false as const,
              status: 400 as const,
              field: "teamId",
              message: "Choose a team of this organisation.",
            };
          const key = { workspaceId_teamId: { workspaceId: workspace.id, teamId: team.id } };
          const existing = await tx.workspaceTeamAccess.findUnique({ where: key, select: { role: true } });
          if (intent.intent === "remove-team") {
            if (!existing)
              return { ok: false as const, status: 404 as const, message: `${team.name} has no access here.` };
            await tx.workspaceTeamAccess.delete({ where: key });
          } else {
            if (intent.intent === "change-team" && !existing)
              return { ok: false as const, status: 404 as const, message: `${team.name} has no access here.` };
            await tx.workspaceTeamAccess.upsert({
              where: key,
              create: { workspaceId: workspace.id, teamId: team.id, role: intent.role },
              update: { role: intent.role },
            });
          }
          const lost = await syncWorkspaceAccess(
            tx,
            organizationId,
            team.members.map((m) => m.userId),
          );
          const label = `${team.name} (team)`;
          await record(tx, {
            action:
              intent.intent === "remove-team"
                ? "workspace.access_removed"
                : existing
                  ? "workspace.access_changed"
                  : "workspace.access_granted",
            before: existing ? { [label]: ROLE_LABELS[existing.role] } : null,
            after: intent.intent === "remove-team" ? null : { [label]: ROLE_LABELS[intent.role] },
          });
          return { ok: true as const, lost };
        }
      }
    }),
  );
}
