import { describe, expect, it } from "vitest";
import { signUp, verifyLogin } from "~/auth/accounts.server";
import { prisma } from "~/db/client.server";

describe("accounts", () => {
  it("signs up a person with their own organisation and workspace, as owner", async () => {
    const result = await signUp({ name: "Lin Chen", email: "lin@example.com", password: "a-long-password" });
    expect(result.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "lin@example.com" },
      include: {
        orgMemberships: { include: { organization: true } },
        workspaceMemberships: { include: { workspace: true } },
      },
    });
    expect(user.passwordHash).not.toContain("a-long-password");
    expect(user.orgMemberships).toHaveLength(1);
    expect(user.orgMemberships[0]!.role).toBe("OWNER");
    expect(user.orgMemberships[0]!.organization.tier).toBe("FREE");
    expect(user.workspaceMemberships).toHaveLength(1);
    expect(user.workspaceMemberships[0]!.role).toBe("OWNER");
    expect(user.workspaceMemberships[0]!.workspace.organizationId).toBe(user.orgMemberships[0]!.organizationId);
  });

  it("refuses a taken email with a field error and writes nothing", async () => {
    await signUp({ name: "First", email: "taken@example.com", password: "a-long-password" });
    const [orgs, workspaces] = await Promise.all([prisma.organization.count(), prisma.workspace.count()]);
    const again = await signUp({ name: "Second", email: "taken@example.com", password: "another-password" });
    expect(again).toEqual({
      ok: false,
      fieldErrors: { email: "An account with this email already exists. Log in instead." },
    });
    expect(await prisma.organization.count()).toBe(orgs);
    expect(await prisma.workspace.count()).toBe(workspaces);
    expect(await prisma.user.count({ where: { email: "taken@example.com" } })).toBe(1);
  });

  it("verifies logins without saying whether the account exists", async () => {
    await signUp({ name: "Sam", email: "sam@example.com", password: "sams-password" });
    expect(await verifyLogin("sam@example.com", "sams-password")).toEqual({ id: expect.any(String) });
    expect(await verifyLogin("sam@example.com", "wrong-password")).toBeNull();
    expect(await verifyLogin("nobody@example.com", "sams-password")).toBeNull();
  });
});
