import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/db/client.server";
import type { Role } from "~/generated/prisma/enums";

/** Test data built through the same tables the app reads; passwords are real hashes. */
export const TEST_PASSWORD = "test-password-123";
let passwordHash: Promise<string> | undefined;

export async function createUser(name = "Test User") {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: { name, email: `${randomUUID()}@test.example`, passwordHash: await passwordHash },
  });
}

/** An organisation with one workspace, and the given people in it with their roles. */
export async function createWorkspaceWith(members: { userId: string; role: Role }[]) {
  const org = await prisma.organization.create({
    data: { name: "Test Org", slug: `test-${randomUUID()}`, memberships: { create: members } },
  });
  return prisma.workspace.create({
    data: { organizationId: org.id, name: "Test Workspace", memberships: { create: members } },
  });
}

/**
 * The usual cast: an organisation with one workspace, where Owner, Member and Viewer have
 * those roles, and an Outsider who belongs to neither.
 */
export async function organizationWithPeople() {
  const [owner, member, viewer, outsider] = await Promise.all(
    ["Owner", "Member", "Viewer", "Outsider"].map((name) => createUser(name)),
  );
  const workspace = await createWorkspaceWith([
    { userId: owner!.id, role: "OWNER" },
    { userId: member!.id, role: "MEMBER" },
    { userId: viewer!.id, role: "VIEWER" },
  ]);
  return { owner: owner!, member: member!, viewer: viewer!, outsider: outsider!, workspace };
}
