import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/audit/audit.server";
import { auditCsv } from "~/audit/query.server";
import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";
import { createPlan, createSubscription } from "../support/usage-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function setup() {
  const [owner, admin, member, outsider] = await Promise.all(
    ["Olive Owner", "Adam Admin", "Mia Member", "Otto Outsider"].map((n) => createUser(n)),
  );
  const workspace = await createWorkspaceWith([
    { userId: owner!.id, role: "OWNER" },
    { userId: admin!.id, role: "ADMIN" },
    { userId: member!.id, role: "MEMBER" },
  ]);
  await createWorkspaceWith([{ userId: outsider!.id, role: "OWNER" }]);
  const as = async (user: { email: string }) => {
    const client = new CookieClient(app.baseUrl);
    await client.logIn(user.email, TEST_PASSWORD);
    return client;
  };
  return { owner: owner!, admin: admin!, member: member!, outsider: outsider!, org: workspace.organizationId, as };
}

const eventsOf = (organizationId: string) =>
  prisma.auditEvent.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });

describe("recording", () => {
  it("records with the change it belongs to, or not at all when the change rolls back", async () => {
    const { owner, org } = await setup();
    const entry = {
      actor: owner,
      organizationId: org,
      action: "organization.renamed" as const,
      target: { type: "organization", id: org, label: "Renamed Org" },
      before: { name: "Test Org" },
      after: { name: "Renamed Org" },
    };
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: org }, data: { name: "Renamed Org" } });
        await recordAudit(entry, tx);
        throw new Error("the rest of the change failed");
      }),
    ).rejects.toThrow("the rest of the change failed");
    expect(await eventsOf(org)).toHaveLength(0);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org } })).name).toBe("Test Org");

    await prisma.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: org }, data: { name: "Renamed Org" } });
      await recordAudit(entry, tx);
    });
    const [event] = await eventsOf(org);
    expect(event).toMatchObject({
      actorId: owner.id,
      actorName: "Olive Owner",
      actorEmail: owner.email,
      action: "organization.renamed",
      before: { name: "Test Org" },
      after: { name: "Renamed Org" },
    });
  });

  it("cannot be changed, deleted or emptied, even by the app's own database user", async () => {
    const { owner, org } = await setup();
    await recordAudit({
      actor: owner,
      organizationId: org,
      action: "team.created",
      target: { type: "team", label: "Ops" },
    });
    await expect(
      prisma.auditEvent.updateMany({ where: { organizationId: org }, data: { action: "x" } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({ where: { organizationId: org } })).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await eventsOf(org)).toHaveLength(1);
  });

  it("keeps secrets and unstorable characters out, and refuses actions it cannot describe", async () => {
    const { owner, org } = await setup();
    await recordAudit({
      actor: { ...owner, name: "Olive\u0000 \ud800Owner" },
      organizationId: org,
      action: "token.created",
      target: { type: "token", label: "ci\u0000" },
      after: { name: "ci", token: "amp_pat_secret", nested: { clientSecret: "s3cret", note: "a\u0000b" } },
    });
    const [event] = await eventsOf(org);
    expect(event!.actorName).toBe("Olive Owner");
    expect(event!.targetLabel).toBe("ci");
    expect(event!.after).toEqual({
      name: "ci",
      token: "[redacted]",
      nested: { clientSecret: "[redacted]", note: "ab" },
    });
    await expect(
      recordAudit({
        actor: owner,
        organizationId: org,
        action: "member.teleported" as never,
        target: { type: "member", label: "x" },
      }),
    ).rejects.toThrow(/Unknown audit action/);
  });
});

describe("administrative actions that were already there", () => {
  it("records budgets and ingestion tokens with who, from where and what changed", async () => {
    const { owner, org, as } = await setup();
    const { planId } = await createPlan([{ unit: "request", pricePerUnit: 0.01 }]);
    const growth = await createSubscription(org, planId, { team: "Growth" });
    const client = await as(owner);
    const set = await client.request(`/orgs/${org}/budgets`, {
      method: "POST",
      form: { target: "subscription", id: growth.subscriptionId, monthlyBudgetUsd: "250" },
      headers: { "user-agent": "audit-test-browser" },
    });
    expect(set.status).toBe(200);
    const created = await client.request(`/orgs/${org}/ingestion-tokens`, {
      method: "POST",
      form: { intent: "create", name: "pipeline" },
    });
    expect(created.status).toBe(200);
    const events = await eventsOf(org);
    expect(events.map((e) => e.action)).toEqual(["budget.changed", "ingestion_token.created"]);
    expect(events[0]).toMatchObject({
      actorId: owner.id,
      targetType: "subscription",
      before: { monthlyBudgetUsd: null },
      after: { monthlyBudgetUsd: "250" },
      ip: "127.0.0.1",
      userAgent: "audit-test-browser",
    });
    expect(events[1]!.targetLabel).toMatch(/^pipeline \(amp_ingest_.{4}…\)$/);
    // The token itself is nowhere in the log.
    const token = (await created.text()).match(/amp_ingest_[A-Za-z0-9_-]{20,}/)?.[0];
    expect(token).toBeTruthy();
    expect(JSON.stringify(events)).not.toContain(token);
  });
});

describe("the audit log page", () => {
  async function withEvents() {
    const s = await setup();
    const base = { organizationId: s.org, ip: "203.0.113.9", userAgent: "test" };
    await recordAudit({
      ...base,
      actor: s.owner,
      action: "member.invited",
      target: { type: "invitation", label: "new.person@example.com" },
      after: { role: "MEMBER" },
    });
    await recordAudit({
      ...base,
      actor: s.admin,
      action: "team.renamed",
      target: { type: "team", label: "Platform Core" },
      before: { name: "Platform" },
      after: { name: "Platform Core" },
    });
    await recordAudit({
      ...base,
      actor: s.admin,
      action: "member.removed",
      target: { type: "member", label: "=cmd|' /C calc'!A0" },
    });
    // Another organisation's event never shows here.
    const other = await createWorkspaceWith([{ userId: s.outsider.id, role: "OWNER" }]);
    await recordAudit({
      ...base,
      organizationId: other.organizationId,
      actor: s.outsider,
      action: "member.invited",
      target: { type: "invitation", label: "secret.partner@example.com" },
    });
    return s;
  }

  it("shows owners and admins every event, filtered by action, person, target and dates", async () => {
    const { owner, admin, org, as } = await withEvents();
    const client = await as(admin);
    const all = await (await client.request(`/orgs/${org}/audit`)).text();
    expect(all.match(/data-testid="audit-row"/g)).toHaveLength(3);
    expect(all).toContain("Renamed a team");
    expect(all).toContain("Platform → Platform Core");
    expect(all).toContain("203.0.113.9");
    expect(all).not.toContain("secret.partner@example.com");

    const rows = async (query: string) =>
      ((await (await client.request(`/orgs/${org}/audit?${query}`)).text()).match(/data-action="[^"]+"/g) ?? []).map(
        (m) => m.slice(13, -1),
      );
    expect(await rows("action=member")).toEqual(["member.removed", "member.invited"]);
    expect(await rows("action=team.renamed")).toEqual(["team.renamed"]);
    expect(await rows(`actor=${owner.id}`)).toEqual(["member.invited"]);
    expect(await rows("q=PLATFORM")).toEqual(["team.renamed"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rows(`from=${today}&to=${today}`)).toHaveLength(3);
    expect(await rows("to=2020-01-01")).toEqual([]);
    expect(await (await client.request(`/orgs/${org}/audit?to=2020-01-01`)).text()).toContain(
      "Nothing matches these filters",
    );
  });

  it("pages through long logs newest first", async () => {
    const { owner, org, as } = await setup();
    for (let i = 0; i < 55; i++)
      await recordAudit({
        actor: owner,
        organizationId: org,
        action: "team.created",
        target: { type: "team", label: `Team ${i}` },
      });
    const client = await as(owner);
    const first = await (await client.request(`/orgs/${org}/audit`)).text();
    expect(first.match(/data-testid="audit-row"/g)).toHaveLength(50);
    expect(first).toContain("Team 54");
    const link = first.match(/<a [^>]*rel="next"[^>]*>/)?.[0] ?? "";
    const next = link.match(/href="[^"?]*\?([^"]*before=[^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
    expect(next).toBeTruthy();
    const second = await (await client.request(`/orgs/${org}/audit?${next}`)).text();
    expect(second.match(/data-testid="audit-row"/g)).toHaveLength(5);
    expect(second).toContain("Team 0<");
    expect(second).not.toContain('rel="next"');
  });

  it("answers members 403, outsiders 404 and bad filters with a readable 400", async () => {
    const { member, outsider, org, as } = await withEvents();
    expect((await (await as(member)).request(`/orgs/${org}/audit`)).status).toBe(403);
    const stranger = await as(outsider);
    expect((await stranger.request(`/orgs/${org}/audit`)).status).toBe(404);
    expect((await stranger.request(`/orgs/${org}/audit.csv`)).status).toBe(404);
    expect((await stranger.request(`/orgs/${crypto.randomUUID()}/audit`)).status).toBe(404);

    const owner = await as(
      await prisma.user.findFirstOrThrow({
        where: { name: "Olive Owner", orgMemberships: { some: { organizationId: org } } },
      }),
    );
    for (const [query, message] of [
      ["from=yesterday", "Use a date like 2026-11-29."],
      ["to=2026-02-31", "That date does not exist."],
      ["from=2026-13-45", "That date does not exist."],
      ["action=member.teleported", "Choose an action from the list."],
      ["actor=%00", "Choose a person from the list."],
      [`q=${"x".repeat(300)}`, "at most 200 characters"],
      ["before=garbage", "That page link is broken"],
    ]) {
      const response = await owner.request(`/orgs/${org}/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain(message);
      const csv = await owner.request(`/orgs/${org}/audit.csv?${query}`);
      expect(csv.status, query).toBe(400);
    }
  });

  it("exports the filtered log as CSV, formulas defused", async () => {
    const { admin, org, as } = await withEvents();
    const client = await as(admin);
    const response = await client.request(`/orgs/${org}/audit.csv?action=member`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "time (UTC),actor,actor email,action,description,target type,target id,target,before,after,ip,user agent",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",member.removed,Removed a member,member,,'=cmd|' /C calc'!A0,");
    expect(lines[2]).toContain(
      ',member.invited,Invited someone,invitation,,new.person@example.com,,"{""role"":""MEMBER""}",203.0.113.9,test',
    );
  });

  it("streams exports larger than one batch in order, without repeating or losing a row", async () => {
    const { owner, org } = await setup();
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 1234 }, (_, i) => ({
        organizationId: org,
        actorId: owner.id,
        actorName: owner.name,
        action: "team.created",
        targetType: "team",
        targetLabel: `Team ${i}`,
        // Many share a millisecond, so the cursor's id tie-break matters.
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, Math.floor(i / 10))),
      })),
    });
    const text = await new Response(auditCsv(org, {}, 100)).text();
    const labels = text
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[7]);
    expect(labels).toHaveLength(1234);
    expect(new Set(labels).size).toBe(1234);
    expect(labels[0]).toMatch(/^Team 123\d$/);
  });
});
