import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { authenticateToken } from "~/tokens/tokens.server";
import { startTestApp } from "../support/app-server";
import { get, organizationWithEveryRole, post } from "../support/org-factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const bearer = (token: string) =>
  new Request("http://app.test/api/anything", { headers: { authorization: `Bearer ${token}` } });

/** What authenticateToken answers: the identity, or the status and message it refuses with. */
async function check(token: string, scope: Parameters<typeof authenticateToken>[1]) {
  try {
    return { ok: true as const, identity: await authenticateToken(bearer(token), scope) };
  } catch (response) {
    if (!(response instanceof Response)) throw response;
    return { ok: false as const, status: response.status, error: ((await response.json()) as { error: string }).error };
  }
}

async function createToken(
  client: Awaited<ReturnType<Awaited<ReturnType<typeof organizationWithEveryRole>>["as"]>>,
  form: Record<string, string | string[]>,
) {
  const created = await post(client, "/settings/tokens", { intent: "create", expiresInDays: "30", ...form });
  return { ...created, token: created.text.match(/amp_pat_[A-Za-z0-9_-]{43}/)?.[0] };
}

describe("personal access tokens", () => {
  it("are shown once, stored as a hash, scoped to one organisation, and recorded", async () => {
    const { org, member, as } = await organizationWithEveryRole(app.baseUrl);
    const client = await as(member);
    const created = await createToken(client, {
      name: "CI",
      organizationId: org,
      scopes: ["documents:read", "usage:read"],
    });
    expect(created.status).toBe(200);
    expect(created.text).toContain("it is shown only once");
    const token = created.token!;
    expect(token).toBeTruthy();
    const row = await prisma.personalAccessToken.findFirstOrThrow({ where: { userId: member.id } });
    expect(row).toMatchObject({
      organizationId: org,
      name: "CI",
      scopes: ["documents:read", "usage:read"],
      tokenHash: createHash("sha256").update(token).digest("base64url"),
      prefix: token.slice(0, 12),
    });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // The list never shows it again.
    const page = await get(client, "/settings/tokens");
    expect(page.text).toContain(`${token.slice(0, 12)}…`);
    expect(page.text).not.toContain(token);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org, action: "token.created" } });
    expect(event.after).toMatchObject({ scopes: ["documents:read", "usage:read"] });
    expect(JSON.stringify(event)).not.toContain(token);

    const ok = await check(token, "documents:read");
    expect(ok).toMatchObject({ ok: true, identity: { user: { id: member.id }, organizationId: org, tokenId: row.id } });
    expect((await prisma.personalAccessToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();
    expect(await check(token, "documents:write")).toEqual({
      ok: false,
      status: 403,
      error: 'This token cannot do that: it needs the "documents:write" scope. Create a token that has it.',
    });
  });

  it("stop working when revoked, expired, or when their person leaves the organisation", async () => {
    const { org, owner, member, admin, as } = await organizationWithEveryRole(app.baseUrl);
    const memberClient = await as(member);
    const revokedToken = (await createToken(memberClient, { name: "a", organizationId: org, scopes: "scans:read" }))
      .token!;
    const expiringToken = (await createToken(memberClient, { name: "b", organizationId: org, scopes: "scans:read" }))
      .token!;
    const leavingToken = (await createToken(memberClient, { name: "c", organizationId: org, scopes: "scans:read" }))
      .token!;

    const revokedRow = await prisma.personalAccessToken.findFirstOrThrow({ where: { name: "a", userId: member.id } });
    // Someone else cannot revoke it.
    const byAdmin = await post(await as(admin), "/settings/tokens", { intent: "revoke", tokenId: revokedRow.id });
    expect(byAdmin.status).toBe(404);
    expect((await post(memberClient, "/settings/tokens", { intent: "revoke", tokenId: revokedRow.id })).status).toBe(
      200,
    );
    expect(await check(revokedToken, "scans:read")).toMatchObject({
      ok: false,
      status: 401,
      error: expect.stringContaining("revoked"),
    });

    await prisma.personalAccessToken.updateMany({
      where: { name: "b", userId: member.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await check(expiringToken, "scans:read")).toMatchObject({
      ok: false,
      status: 401,
      error: expect.stringContaining("expired"),
    });

    expect((await check(leavingToken, "scans:read")).ok).toBe(true);
    await post(await as(owner), `/orgs/${org}/members`, { intent: "remove", userId: member.id });
    expect(await check(leavingToken, "scans:read")).toMatchObject({ ok: false, status: 401 });
    expect(await prisma.personalAccessToken.count({ where: { userId: member.id, revokedAt: null } })).toBe(0);
  });

  it("refuses missing, foreign and made-up tokens, and bad forms, with a reason", async () => {
    const { org, member, outsider, as } = await organizationWithEveryRole(app.baseUrl);
    const noHeader = await authenticateToken(new Request("http://app.test/x"), "usage:read").catch((r: Response) => r);
    expect((noHeader as Response).status).toBe(401);
    expect(await (noHeader as Response).json()).toEqual({
      error: "Send a personal access token: Authorization: Bearer amp_pat_… (create one at /settings/tokens).",
    });
    expect(await check(`amp_pat_${"x".repeat(43)}`, "usage:read")).toMatchObject({
      status: 401,
      error: "That personal access token is not valid.",
    });
    expect(await check("amp_ingest_wrongkind", "usage:read")).toMatchObject({ status: 401 });

    const client = await as(member);
    for (const [form, message] of [
      [{ name: "", organizationId: org, scopes: "usage:read" }, "Name the token"],
      [{ name: "x", organizationId: org }, "Choose at least one scope."],
      [{ name: "x", organizationId: org, scopes: "root:all" }, "Choose scopes from the list."],
      [
        { name: "x", organizationId: org, scopes: "usage:read", expiresInDays: "9999" },
        "Choose when the token expires",
      ],
      [{ name: "x\u0000", organizationId: org, scopes: "usage:read" }, "contains a NUL character"],
      [{ name: "x", organizationId: "nope", scopes: "usage:read" }, "Choose an organisation."],
    ] as const) {
      const response = await createToken(client, form as Record<string, string>);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(response.text).toContain(message);
    }
    // Someone else's organisation: not a member.
    const foreign = await prisma.orgMembership.findFirstOrThrow({ where: { userId: outsider.id } });
    const refused = await createToken(client, {
      name: "x",
      organizationId: foreign.organizationId,
      scopes: "usage:read",
    });
    expect(refused.status).toBe(404);
    expect(await prisma.personalAccessToken.count({ where: { userId: member.id } })).toBe(0);
  });
});
