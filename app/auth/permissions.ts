import type { Role } from "~/generated/prisma/enums";

/**
 * What each workspace role may do. Shared by server checks and by the UI (which only
 * hides what the server would refuse anyway).
 */
export type Permission = "read" | "write" | "manage";

const GRANTS: Record<Role, readonly Permission[]> = {
  OWNER: ["read", "write", "manage"],
  ADMIN: ["read", "write", "manage"],
  MEMBER: ["read", "write"],
  VIEWER: ["read"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
};
