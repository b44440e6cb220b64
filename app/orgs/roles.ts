import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";

/**
 * Organisation roles, highest first, and who may hand out which. Shared by server checks
 * and the UI (which only hides what the server would refuse anyway).
 *   owner:  everything, including making owners and removing them (never the last one)
 *   admin:  members, invitations, teams, workspaces; not owners, and never above admin
 *   member: works in the workspaces they are given; viewer: looks, comments, points
 */
export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

/** A role chosen in a form (invitations, members, a workspace's people). */
export const RoleField = z.enum(ROLES as [Role, ...Role[]], {
  error: "Choose a role: owner, admin, member or viewer.",
});

const RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const roleRank = (role: Role) => RANK[role];

/** The lower of two roles: nobody gets more in a workspace than their role in the organisation. */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

export const higherRole = (a: Role, b: Role): Role => (RANK[a] >= RANK[b] ? a : b);

/** Whether someone with `actor`'s role may give `role` to someone (invite, promote, demote to). */
export function canGrantRole(actor: Role, role: Role): boolean {
  if (actor === "OWNER") return true;
  return actor === "ADMIN" && role !== "OWNER";
}

/** Whether someone with `actor`'s role may change or remove someone who is `target`. */
export function canManageMember(actor: Role, target: Role): boolean {
  if (actor === "OWNER") return true;
  return actor === "ADMIN" && target !== "OWNER";
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including billing and other owners",
  ADMIN: "Members, teams, workspaces and settings",
  MEMBER: "Works in the workspaces they are given",
  VIEWER: "Looks, follows and comments; changes nothing",
};
