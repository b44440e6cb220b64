import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { createUser } from "../support/factories";
import { get, organizationWithEveryRole, post, roleIn, workspaceRole } from "../support/org-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const setup = () => organizationWithEveryRole(app.baseUrl);
const members = (org: string) => `/orgs/${org}/members`;

describe("the members page", () => {
  it("lists the people to every member, with invitations and controls for owners and admins only", async () => {
    const { org, owner, member, viewer, outsider, as } = await setup();
    const ownerPage = await get(await as(owner), members(org));
    expect(ownerPage.status).toBe(200);
    expect(ownerPage.text.match(/data-testid="member-row"/g)).toHaveLength(4);
    expect(ownerPage.text).toContain("Invite someone");
    expect(ownerPage.text).toContain("4 of 5 seats used (4 members, 0 pending) · Free plan");
    const memberPage = await get(await as(member), members(org));
    expect(memberPage.status).toBe(200);
    expect(memberPage.text).toContain("Vic Viewer");
    expect(memberPage.text).not.toContain("Invite someone");
    expect(memberPage.text).not.toContain('aria-label="Role of');
    expect((await get(await as(viewer), members(org))).status).toBe(200);
    for (const path of [members(org), `/orgs/${org}`, `/orgs/${org}/teams`, `/orgs/${org}/workspaces`]) {
      expect((await get(await as(outsider), path)).status, path).toBe(404);
    }
  }, 90_000); // seven log-ins (scrypt) and nine pages: past 30 s on a busy two-core machine
});

describe("roles", () => {
  it("owners change anyone's role; admins change members but never owners or to owner", async () => {
    const { org, owner, admin, member, viewer, workspace, as } = await setup();
    const asOwner = await as(owner);
    const asAdmin = await as(admin);
    const promoted = await post(asOwner, members(org), { intent: "change-role", userId: member.id, role: "ADMIN" });
    expect(promoted.status).toBe(200);
    expect(await roleIn(org, member.id)).toBe("ADMIN");

    const adminToOwner = await post(asAdmin, members(org), { intent: "change-role", userId: viewer.id, role: "OWNER" });
    expect(adminToOwner.status).toBe(403);
    const adminOnOwner = await post(asAdmin, members(org), { intent: "change-role", userId: owner.id, role: "MEMBER" });
    expect(adminOnOwner.status).toBe(403);
    expect(adminOnOwner.text).toContain("Only owners can make someone an owner or change an owner's role.");
    const adminOnViewer = await post(asAdmin, members(org), {
      intent: "change-role",
      userId: viewer.id,
      role: "MEMBER",
    });
    expect(adminOnViewer.status).toBe(200);
    expect(await roleIn(org, viewer.id)).toBe("MEMBER");

    const byMember = await post(await as(viewer), members(org), {
      intent: "change-role",
      userId: admin.id,
      role: "VIEWER",
    });
    expect(byMember.status).toBe(403);

    // Nobody has more in a workspace than in the organisation: a viewer stays a viewer there.
    await post(asOwner, members(org), { intent: "change-role", userId: member.id, role: "VIEWER" });
    expect(await workspaceRole(workspace.id, member.id)).toBe("VIEWER");

    const events = await prisma.auditEvent.findMany({ where: { organizationId: org, action: "member.role_changed" } });
    expect(events.map((e) => [e.before, e.after])).toContainEqual([{ role: "Member" }, { role: "Admin" }]);
  });

  it("always keeps an owner, even when two owners demote each other at the same moment", async () => {
    const { org, owner, admin, as } = await setup();
    const asOwner = await as(owner);
    const lastOwner = await post(asOwner, members(org), { intent: "change-role", userId: owner.id, role: "ADMIN" });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.text).toContain("An organisation always keeps at least one owner.");

    await post(asOwner, members(org), { intent: "change-role", userId: admin.id, role: "OWNER" });
    const asSecondOwner = await as(admin);
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        post(asOwner, members(org), { intent: "change-role", userId: admin.id, role: "ADMIN" }),
        post(asSecondOwner, members(org), { intent: "change-role", userId: owner.id, role: "ADMIN" }),
      ]);
      // The second to run finds itself an admin now (403) or the other already the last owner (409).
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await prisma.orgMembership.count({ where: { organizationId: org, role: "OWNER" } })).toBe(1);
      // Make them both owners again for the next round.
      const remaining = (await roleIn(org, owner.id)) === "OWNER" ? asOwner : asSecondOwner;
      await post(remaining, members(org), {
        intent: "change-role",
        userId: remaining === asOwner ? admin.id : owner.id,
        role: "OWNER",
      });
    }
  });

  it("transfers ownership in one step, only from an owner", async () => {
    const { org, owner, admin, member, as } = await setup();
    const byAdmin = await post(await as(admin), members(org), { intent: "transfer-ownership", userId: member.id });
    expect(byAdmin.status).toBe(403);
    const toSelf = await post(await as(owner), members(org), { intent: "transfer-ownership", userId: owner.id });
    expect(toSelf.status).toBe(400);
    const done = await post(await as(owner), members(org), { intent: "transfer-ownership", userId: member.id });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Ownership transferred");
    expect([await roleIn(org, owner.id), await roleIn(org, member.id)]).toEqual(["ADMIN", "OWNER"]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org, action: "member.ownership_transferred" },
    });
    expect(event.after).toMatchObject({ owner: "Mia Member" });
  });
});

describe("removing people", () => {
  it("removes someone from the organisation, its teams and its workspaces, and records it", async () => {
    const { org, owner, member, workspace, as } = await setup();
    const team = await prisma.team.create({
      data: { organizationId: org, name: "Ops", leadId: member.id, members: { create: { userId: member.id } } },
    });
    const other = await prisma.workspace.create({
      data: { organizationId: org, name: "Second", memberships: { create: { userId: member.id, role: "MEMBER" } } },
    });
    const removed = await post(await as(owner), members(org), { intent: "remove", userId: member.id });
    expect(removed.status).toBe(200);
    expect(await roleIn(org, member.id)).toBeNull();
    expect(await prisma.teamMembership.count({ where: { userId: member.id } })).toBe(0);
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id } })).leadId).toBeNull();
    expect(await workspaceRole(workspace.id, member.id)).toBeNull();
    expect(await workspaceRole(other.id, member.id)).toBeNull();
    // Their own account and other organisations are untouched.
    expect(await prisma.user.count({ where: { id: member.id } })).toBe(1);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org, action: "member.removed" },
    });
    expect(event).toMatchObject({ targetId: member.id, before: { role: "Member", teams: ["Ops"] }, after: null });
    // And what they could open answers 404 now.
    expect((await get(await as(member), `/w/${workspace.id}`)).status).toBe(404);
    expect((await get(await as(member), members(org))).status).toBe(404);
  });

  it("lets anyone leave, but not the last owner; admins cannot remove owners", async () => {
    const { org, owner, admin, viewer, as } = await setup();
    const left = await post(await as(viewer), members(org), { intent: "remove", userId: viewer.id });
    expect(left.status).toBe(302);
    expect(left.response.headers.get("location")).toBe("/workspaces");
    expect(await roleIn(org, viewer.id)).toBeNull();

    const adminRemovesOwner = await post(await as(admin), members(org), { intent: "remove", userId: owner.id });
    expect(adminRemovesOwner.status).toBe(403);
    const lastOwnerLeaves = await post(await as(owner), members(org), { intent: "remove", userId: owner.id });
    expect(lastOwnerLeaves.status).toBe(409);
    expect(await roleIn(org, owner.id)).toBe("OWNER");
  });

  it("explains bad requests instead of failing", async () => {
    const { org, owner, outsider, as } = await setup();
    const client = await as(owner);
    const stranger = await createUser("Not A Member");
    for (const [form, status, message] of [
      [{ intent: "remove", userId: "not-a-uuid" }, 400, "Choose a member."],
      [{ intent: "remove", userId: "\u0000" }, 400, "contains a NUL character"],
      [{ intent: "change-role", userId: stranger.id, role: "ADMIN" }, 404, "That person is not a member."],
      [{ intent: "change-role", userId: outsider.id, role: "KING" }, 400, "Choose a role"],
      [{ intent: "remove", userId: stranger.id }, 404, "That person is not a member."],
      [{}, 400, "Choose what to do"],
    ] as const) {
      const response = await post(client, members(org), form as Record<string, string>);
      expect(response.status, JSON.stringify(form)).toBe(status);
      expect(response.text, JSON.stringify(form)).toContain(message);
    }
  });
});

describe("the organisation's name", () => {
  it("is changed by owners and admins, checked, and recorded", async () => {
    const { org, admin, member, as } = await setup();
    expect((await post(await as(member), `/orgs/${org}`, { intent: "rename", name: "Nope" })).status).toBe(403);
    const blank = await post(await as(admin), `/orgs/${org}`, { intent: "rename", name: "   " });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain("Give the organisation a name.");
    const control = await post(await as(admin), `/orgs/${org}`, { intent: "rename", name: "Acme\u0000" });
    expect(control.status).toBe(400);
    expect(control.text).toContain("contains a NUL character");
    const renamed = await post(await as(admin), `/orgs/${org}`, { intent: "rename", name: "Acme Robotics" });
    expect(renamed.status).toBe(200);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org } })).name).toBe("Acme Robotics");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org, action: "organization.renamed" },
    });
    expect([event.before, event.after]).toEqual([{ name: "Test Org" }, { name: "Acme Robotics" }]);
  });
});
