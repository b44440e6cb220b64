import type { Role } from "~/generated/prisma/enums";
import { NOT_ADMITTED, type Admission } from "~/rooms/kind";
import { can } from "./permissions";

/**
 * The rule most room kinds admit by: members of the document's workspace, with write
 * access for roles that may write and read and presence for viewers; nobody else.
 */
export function admitMembers(memberRole: Role | null): Admission {
  if (!memberRole) return NOT_ADMITTED;
  return { role: memberRole, access: can(memberRole, "write") ? "write" : "read" };
}
