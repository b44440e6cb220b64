import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { ROOM_SCOPES } from "~/rooms/room-permissions.server";
import { createDocument } from "~/kinds/documents.server";
import { startTestApp } from "../support/app-server";
import { get, organizationWithEveryRole, post, workspaceRole } from "../support/org-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const setup = () => organizationWithEveryRole(app.baseUrl);

describe("teams", () => {
  it("are created, renamed and given a lead by owners and admins, with clear refusals", async () => {
    const { org, admin, member, as } = await setup();
    const teams = `/orgs/${org}/teams`;
    const asAdmin = await as(admin);
    expect((await post(await as(member), teams, { intent: "create", name: "Rogue" })).status).toBe(403);
    const created = await post(asAdmin, teams, { intent: "create", name: "Payments" });
    expect(created.status).toBe(200);
    const team = await prisma.team.findFirstOrThrow({ where: { organizationId: org, name: "Payments" } });
    const duplicate = await post(asAdmin, teams, { intent: "create", name: "payments" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toContain("There is already a team called “payments”.");
    for (const [form, message] of [
      [{ intent: "create", name: "" }, "Give the team a name."],
      [{ intent: "create", name: "x".repeat(81) }, "Use at most 80 characters."],
      [{ intent: "rename", teamId: "nope", name: "X" }, "Choose a team."],
      [{ intent: "set-lead", teamId: team.id, userId: member.id }, "The lead must be a member of the team"],
    ] as const) {
      const response = await post(asAdmin, teams, form as Record<string, string>);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(response.text).toContain(message);
    }
    expect((await post(asAdmin, teams, { intent: "rename", teamId: crypto.randomUUID(), name: "X" })).status).toBe(404);
    await post(asAdmin, teams, { intent: "add-member", teamId: team.id, userId: member.id });
    expect((await post(asAdmin, teams, { intent: "set-lead", teamId: team.id, userId: member.id })).status).toBe(200);
    expect((await post(asAdmin, teams, { intent: "rename", teamId: team.id, name: "Payments Core" })).status).toBe(200);
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      name: "Payments Core",
      leadId: member.id,
    });
    const page = await get(asAdmin, teams);
    expect(page.text).toContain("lead: Mia Member");
    const actions = (
      await prisma.auditEvent.findMany({ where: { organizationId: org }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["team.created", "team.member_added", "team.lead_changed", "team.renamed"]);
  });

  it("give their members the team's workspaces, and take them away when they leave the team", async () => {
    const { org, owner, admin, member, viewer, workspace, as } = await setup();
    const second = await prisma.workspace.create({ data: { organizationId: org, name: "Data" } });
    const team = await prisma.team.create({ data: { organizationId: org, name: "Data team", leadId: owner.id } });
    const asOwner = await as(owner);
    const settings = `/w/${second.id}/settings`;
    expect((await post(asOwner, settings, { intent: "add-team", teamId: team.id, role: "ADMIN" })).status).toBe(200);

    for (const person of [admin, member, viewer])
      await post(asOwner, `/orgs/${org}/teams`, { intent: "add-member", teamId: team.id, userId: person.id });
    // The team's role, but never above each person's role in the organisation.
    expect(await workspaceRole(second.id, admin.id)).toBe("ADMIN");
    expect(await workspaceRole(second.id, member.id)).toBe("MEMBER");
    expect(await workspaceRole(second.id, viewer.id)).toBe("VIEWER");
    expect((await get(await as(member), `/w/${second.id}`)).status).toBe(200);

    // A role set by name wins over the team's.
    await post(asOwner, settings, { intent: "add-person", userId: admin.id, role: "VIEWER" });
    expect(await workspaceRole(second.id, admin.id)).toBe("VIEWER");
    await post(asOwner, settings, { intent: "remove-person", userId: admin.id });
    expect(await workspaceRole(second.id, admin.id)).toBe("ADMIN"); // back to the team's role

    await post(asOwner, `/orgs/${org}/teams`, { intent: "remove-member", teamId: team.id, userId: member.id });
    expect(await workspaceRole(second.id, member.id)).toBeNull();
    expect((await get(await as(member), `/w/${second.id}`)).status).toBe(404);
    // Their workspace given by name is untouched.
    expect(await workspaceRole(workspace.id, member.id)).toBe("MEMBER");

    await post(asOwner, settings, { intent: "change-team", teamId: team.id, role: "MEMBER" });
    await post(asOwner, `/orgs/${org}/teams`, { intent: "add-member", teamId: team.id, userId: member.id });
    expect(await workspaceRole(second.id, member.id)).toBe("MEMBER");
    await post(asOwner, settings, { intent: "remove-team", teamId: team.id });
    expect(await workspaceRole(second.id, member.id)).toBeNull();
    expect(await workspaceRole(second.id, viewer.id)).toBeNull();
  });

  it("let a team's lead add and remove its members, and nothing else", async () => {
    const { org, member, viewer, as } = await setup();
    const team = await prisma.team.create({
      data: { organizationId: org, name: "Mobile", leadId: member.id, members: { create: { userId: member.id } } },
    });
    const lead = await as(member);
    expect(
      (await post(lead, `/orgs/${org}/teams`, { intent: "add-member", teamId: team.id, userId: viewer.id })).status,
    ).toBe(200);
    expect(
      (await post(lead, `/orgs/${org}/teams`, { intent: "remove-member", teamId: team.id, userId: viewer.id })).status,
    ).toBe(200);
    expect((await post(lead, `/orgs/${org}/teams`, { intent: "rename", teamId: team.id, name: "Mine" })).status).toBe(
      403,
    );
    expect((await post(lead, `/orgs/${org}/teams`, { intent: "delete", teamId: team.id })).status).toBe(403);
    const stranger = await post(lead, `/orgs/${org}/teams`, {
      intent: "add-member",
      teamId: team.id,
      userId: (await prisma.user.create({ data: { name: "Stranger", email: `${crypto.randomUUID()}@x.example` } })).id,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.text).toContain("Only members of the organisation can join its teams");
  });

  it("cannot be deleted while they pay for subscriptions", async () => {
    const { org, owner, as } = await setup();
    const team = await prisma.team.create({ data: { organizationId: org, name: "Payer" } });
    const api = await prisma.api.create({
      data: {
        slug: `api-${crypto.randomUUID()}`,
        name: "Some API",
        provider: "Some",
        category: "misc",
        description: "",
        baseUrl: "https://api.example",
        openApiSpec: {},
        plans: { create: { name: "Basic" } },
      },
      include: { plans: true },
    });
    await prisma.subscription.create({ data: { teamId: team.id, planId: api.plans[0]!.id } });
    const refused = await post(await as(owner), `/orgs/${org}/teams`, { intent: "delete", teamId: team.id });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("Payer pays for 1 API subscription");
  });
});

describe("workspaces", () => {
  it("are created by owners and admins, who become their owner or admin", async () => {
    const { org, admin, member, as } = await setup();
    const list = `/orgs/${org}/workspaces`;
    expect((await post(await as(member), list, { intent: "create", name: "Mine" })).status).toBe(403);
    const bad = await post(await as(admin), list, { intent: "create", name: "\u0000" });
    expect(bad.status).toBe(400);
    const created = await post(await as(admin), list, { intent: "create", name: "Payments platform" });
    expect(created.status).toBe(302);
    const workspace = await prisma.workspace.findFirstOrThrow({
      where: { organizationId: org, name: "Payments platform" },
    });
    expect(created.response.headers.get("location")).toBe(`/w/${workspace.id}/settings`);
    expect(await workspaceRole(workspace.id, admin.id)).toBe("ADMIN");
    expect((await get(await as(member), list)).text).not.toContain("Payments platform"); // not in it
    expect((await get(await as(admin), list)).text).toContain("Payments platform");
  });

  it("are renamed and archived by their managers: archived ones open read-only until restored", async () => {
    const { owner, member, viewer, outsider, workspace, as } = await setup();
    const settings = `/w/${workspace.id}/settings`;
    expect((await get(await as(member), settings)).status).toBe(403);
    expect((await get(await as(outsider), settings)).status).toBe(404);
    const asOwner = await as(owner);
    expect((await post(asOwner, settings, { intent: "rename", name: "Renamed" })).status).toBe(200);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).name).toBe("Renamed");

    const document = await createDocument({
      workspaceId: workspace.id,
      kind: "AI",
      title: "Notes",
      createdById: owner.id,
    });
    const asMember = await as(member);
    await asMember.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect((await liveblocks().getRoom(document.roomId)).usersAccesses[member.id]).toEqual(ROOM_SCOPES.write);

    expect((await post(asOwner, settings, { intent: "archive" })).status).toBe(200);
    const create = await post(asMember, `/w/${workspace.id}?index`, { kind: "AI", title: "New" });
    expect(create.status).toBe(409);
    expect(create.text).toContain("This workspace is archived, so it is read-only.");
    expect((await get(asMember, `/w/${workspace.id}`)).text).toContain("This workspace is archived");
    const token = await asMember.request("/api/liveblocks-auth", { method: "POST", json: { room: document.roomId } });
    expect(token.status).toBe(200);
    expect((await liveblocks().getRoom(document.roomId)).usersAccesses[member.id]).toEqual(ROOM_SCOPES.read);
    expect(
      await (await asMember.request("/api/room-lease", { method: "POST", json: { room: document.roomId } })).json(),
    ).toMatchObject({
      access: "read",
    });
    const list = await get(asMember, "/workspaces");
    expect(list.text).toContain("Archived workspaces (1)");

    expect((await post(asOwner, settings, { intent: "restore" })).status).toBe(200);
    expect((await post(asMember, `/w/${workspace.id}?index`, { kind: "AI", title: "New" })).status).toBe(302);
    expect((await get(await as(viewer), `/w/${workspace.id}`)).status).toBe(200);
  });

  it("let an organisation admin who is not in a workspace manage it, and refuse roles above someone's", async () => {
    const { org, admin, viewer, workspace, as } = await setup();
    await prisma.workspaceMembership.delete({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: admin.id } },
    });
    const asAdmin = await as(admin);
    const settings = `/w/${workspace.id}/settings`;
    expect((await get(asAdmin, settings)).status).toBe(200);
    const tooHigh = await post(asAdmin, settings, { intent: "change-person", userId: viewer.id, role: "ADMIN" });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.text).toContain("Vic Viewer is viewer of the organisation, so at most viewer here.");
    const outsiderUser = await prisma.user.create({
      data: { name: "Nobody", email: `${crypto.randomUUID()}@x.example` },
    });
    const notMember = await post(asAdmin, settings, { intent: "add-person", userId: outsiderUser.id, role: "VIEWER" });
    expect(notMember.status).toBe(400);
    expect(notMember.text).toContain("Only members of the organisation can be added");
    expect(
      (await post(asAdmin, settings, { intent: "add-team", teamId: crypto.randomUUID(), role: "MEMBER" })).status,
    ).toBe(400);
    expect((await post(asAdmin, settings, { intent: "add-person", userId: admin.id, role: "ADMIN" })).status).toBe(200);
    const events = await prisma.auditEvent.findMany({
      where: { organizationId: org, action: "workspace.access_granted" },
    });
    expect(events[0]?.after).toEqual({ "Adam Admin": "Admin" });
  });
});
