import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { plainText } from "~/http/validation.server";
import { cutLostAccess, syncWorkspaceAccess, type LostAccess } from "./access.server";
import type { Actor } from "./members.server";

/**
 * Teams of an organisation: a name, members, a lead. Owners and admins manage every team;
 * a team's lead adds and removes its members. Workspaces can be given to a team, so
 * changing a team's members changes who is in those workspaces (access.server.ts).
 */
type Tx = Prisma.TransactionClient;

const TeamName = plainText({ required: "Give the team a name.", max: 80 });
const TeamId = z.string().uuid("Choose a team.");
const PersonId = z.string().uuid("Choose a member of the organisation.");

export const TeamIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), name: TeamName }),
    z.object({ intent: z.literal("rename"), teamId: TeamId, name: TeamName }),
    z.object({ intent: z.literal("delete"), teamId: TeamId }),
    z.object({ intent: z.literal("set-lead"), teamId: TeamId, userId: z.union([PersonId, z.literal("")]) }),
    z.object({ intent: z.literal("add-member"), teamId: TeamId, userId: PersonId }),
    z.object({ intent: z.literal("remove-member"), teamId: TeamId, userId: PersonId }),
  ],
  { error: "Choose what to do with the team." },
);
export type TeamIntent = z.infer<typeof TeamIntentSchema>;

export type TeamChange =
  | { ok: true; lost: LostAccess[]; teamId?: string }
  | { ok: false; status: 400 | 403 | 404 | 409; field?: string; message: string };

export async function listTeams(organizationId: string) {
  const teams = await prisma.team.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      leadId: true,
      lead: { select: { name: true } },
      members: { select: { user: { select: { id: true, name: true, email: true } } } },
      workspaceAccess: { select: { role: true, workspace: { select: { id: true, name: true } } } },
    },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    leadId: t.leadId,
    leadName: t.lead?.name ?? null,
    members: t.members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name, "en")),
    workspaces: t.workspaceAccess.map((a) => ({ ...a.workspace, role: a.role })),
  }));
}

const isManager = (actor: Actor) => actor.role === "OWNER" || actor.role === "ADMIN";

async function teamOf(tx: Tx, organizationId: string, teamId: string) {
  return tx.team.findFirst({ where: { id: teamId, organizationId }, select: { id: true, name: true, leadId: true } });
}

async function isOrgMember(tx: Tx, organizationId: string, userId: string) {
  const found = await tx.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { user: { select: { name: true } } },
  });
  return found?.user.name ?? null;
}

const DUPLICATE = (name: string) => `There is already a team called “${name}”.`;

/** Runs one team intent for `actor`, recording it in the audit log. */
export async function changeTeam(
  organizationId: string,
  actor: Actor,
  intent: TeamIntent,
  audit: AuditOrigin,
): Promise<TeamChange> {
  const record = (tx: Tx, entry: Omit<Parameters<typeof recordAudit>[0], keyof AuditOrigin | "organizationId">) =>
    recordAudit({ ...audit, organizationId, ...entry }, tx);
  const forbidden = {
    ok: false as const,
    status: 403 as const,
    message: "Only owners and admins (or the team's lead, for its members) can change teams.",
  };
  const notFound = { ok: false as const, status: 404 as const, message: "That team does not exist any more." };

  try {
    return await runTeamChange();
  } catch (error) {
    // Two people naming teams alike at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, status: 409, field: "name", message: DUPLICATE("that name") };
    throw error;
  }

  async function runTeamChange(): Promise<TeamChange> {
    return cutLostAccess(
      await prisma.$transaction(async (tx) => {
        if (intent.intent === "create") {
          if (!isManager(actor)) return forbidden;
          if (
            await tx.team.findFirst({ where: { organizationId, name: { equals: intent.name, mode: "insensitive" } } })
          )
            return { ok: false as const, status: 409 as const, field: "name", message: DUPLICATE(intent.name) };
          const team = await tx.team.create({ data: { organizationId, name: intent.name }, select: { id: true } });
          await record(tx, { action: "team.created", target: { type: "team", id: team.id, label: intent.name } });
          return { ok: true as const, lost: [], teamId: team.id };
        }

        const team = await teamOf(tx, organizationId, intent.teamId);
        if (!team) return notFound;
        const target = { type: "team", id: team.id, label: team.name };
        const isLead = team.leadId === actor.id;

        switch (intent.intent) {
          case "rename": {
            if (!isManager(actor)) return forbidden;
            if (intent.name === team.name) return { ok: true as const, lost: [] };
            const clash = await tx.team.findFirst({
              where: { organizationId, id: { not: team.id }, name: { equals: intent.name, mode: "insensitive" } },
            });
            if (clash)
              return { ok: false as const, status: 409 as const, field: "name", message: DUPLICATE(intent.name) };
            await tx.team.update({ where: { id: team.id }, data: { name: intent.name } });
            await record(tx, {
              action: "team.renamed",
              target: { ...target, label: intent.name },
              before: { name: team.name },
              after: { name: intent.name },
            });
            return { ok: true as const, lost: [] };
          }
          case "delete": {
            if (!isManager(actor)) return forbidden;
            const subscriptions = await tx.subscription.count({ where: { teamId: team.id } });
            if (subscriptions > 0)
              return {
                ok: false as const,
                status: 409 as const,
                message: `${team.name} pays for ${subscriptions} API subscription${subscriptions === 1 ? "" : "s"}: move or cancel them before deleting the team.`,
              };
            const members = await tx.teamMembership.findMany({ where: { teamId: team.id }, select: { userId: true } });
            await tx.team.delete({ where: { id: team.id } });
            const lost = await syncWorkspaceAccess(
              tx,
              organizationId,
              members.map((m) => m.userId),
            );
            await record(tx, { action: "team.deleted", target, before: { members: members.length } });
            return { ok: true as const, lost };
          }
          case "set-lead": {
            if (!isManager(actor)) return forbidden;
            const leadId = intent.userId || null;
            if (
              leadId &&
              !(await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: leadId } } }))
            )
              return {
                ok: false as const,
                status: 400 as const,
                field: "userId",
                message: "The lead must be a member of the team: add them first.",
              };
            if (leadId === team.leadId) return { ok: true as const, lost: [] };
            const names = await tx.user.findMany({
              where: { id: { in: [team.leadId, leadId].filter((x): x is string => !!x) } },
              select: { id: true, name: true },
            });
            const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? "someone") : null);
            await tx.team.update({ where: { id: team.id }, data: { leadId } });
            await record(tx, {
              action: "team.lead_changed",
              target,
              before: { lead: nameOf(team.leadId) },
              after: { lead: nameOf(leadId) },
            });
            return { ok: true as const, lost: [] };
          }
          case "add-member": {
            if (!isManager(actor) && !isLead) return forbidden;
            const name = await isOrgMember(tx, organizationId, intent.userId);
            if (!name)
              return {
                ok: false as const,
                status: 400 as const,
                field: "userId",
                message: "Only members of the organisation can join its teams: invite them first.",
              };
            await tx.teamMembership.createMany({
              data: [{ teamId: team.id, userId: intent.userId }],
              skipDuplicates: true,
            });
            const lost = await syncWorkspaceAccess(tx, organizationId, [intent.userId]);
            await record(tx, { action: "team.member_added", target, after: { member: name } });
            return { ok: true as const, lost };
          }
          case "remove-member": {
            if (!isManager(actor) && !isLead) return forbidden;
            const membership = await tx.teamMembership.findUnique({
              where: { teamId_userId: { teamId: team.id, userId: intent.userId } },
              select: { user: { select: { name: true } } },
            });
            if (!membership)
              return { ok: false as const, status: 404 as const, message: "That person is not in the team." };
            await tx.teamMembership.delete({ where: { teamId_userId: { teamId: team.id, userId: intent.userId } } });
            if (team.leadId === intent.userId) await tx.team.update({ where: { id: team.id }, data: { leadId: null } });
            const lost = await syncWorkspaceAccess(tx, organizationId, [intent.userId]);
            await record(tx, { action: "team.member_removed", target, before: { member: membership.user.name } });
            return { ok: true as const, lost };
          }
        }
      }),
    );
  }
}
