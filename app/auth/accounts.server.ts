import type { z } from "zod";
import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import type { SignupSchema } from "./account-schemas.server";
import { hashPassword, timingDummyHash, verifyPassword } from "./password.server";

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "org";

/**
 * Creates the account together with its own organisation and first workspace, in one
 * transaction: a new user always lands somewhere they own, and a failure leaves nothing.
 */
export async function signUp(input: z.infer<typeof SignupSchema>) {
  return createAccount({ email: input.email, name: input.name, passwordHash: await hashPassword(input.password) });
}

/** The account, its organisation and workspace from a confirmed sign-up (password already hashed). */
export async function createAccount(input: { email: string; name: string; passwordHash: string }) {
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash: input.passwordHash },
      });
      await createStarterOrganization(tx, user.id, input.name);
      return { ok: true as const, user };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return {
        ok: false as const,
        fieldErrors: { email: "An account with this email already exists. Log in instead." },
      };
    }
    throw error;
  }
}

export async function createStarterOrganization(tx: Prisma.TransactionClient, userId: string, ownerName: string) {
  const organization = await tx.organization.create({
    data: {
      name: `${ownerName}'s organisation`,
      slug: `${slugify(ownerName)}-${crypto.randomUUID().slice(0, 8)}`,
      memberships: { create: { userId, role: "OWNER" } },
      teams: { create: { name: "Everyone", members: { create: { userId } } } },
    },
  });
  const workspace = await tx.workspace.create({
    data: {
      organizationId: organization.id,
      name: "My workspace",
      memberships: { create: { userId, role: "OWNER" } },
    },
  });
  return { organization, workspace };
}

/** Same answer and about the same time whether the email is unknown or the password wrong. */
export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (!user?.passwordHash) {
    await verifyPassword(password, await timingDummyHash());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id } : null;
}
