import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../support/app-server";
import { auditTrail } from "../support/audit";
import { organizationWithOwner, pageText, tierOf } from "../support/billing";

/** Without STRIPE_SECRET_KEY: the page says billing is off and owners set the tier themselves. */
let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "" });
});
afterAll(() => app.close());

describe("billing off", () => {
  it("lets an owner change the tier directly, and the AI quota follows", async () => {
    const org = await organizationWithOwner(app.baseUrl);
    const page = await pageText(await org.client.request(`/orgs/${org.organizationId}/billing`));
    expect(page).toContain("Billing is off on this server");
    expect(page).toContain("Switch to Pro");
    expect(page).toContain("No invoices: billing is off on this server.");

    const changed = await org.client.request(`/orgs/${org.organizationId}/billing`, {
      method: "POST",
      form: { intent: "set-tier", tier: "PRO" },
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Plan changed.");
    expect(await tierOf(org.organizationId)).toBe("PRO");
    const quota = await org.client.request(`/w/${org.workspace.id}/ai/quota`);
    expect(await quota.json()).toMatchObject({ tier: "PRO", limit: 200 });

    await org.client.request(`/orgs/${org.organizationId}/billing`, {
      method: "POST",
      form: { intent: "set-tier", tier: "ENTERPRISE" },
    });
    const unlimited = await org.client.request(`/w/${org.workspace.id}/ai/quota`);
    expect((await unlimited.json()).limit).toBeNull();

    // Each change is in the audit log, by the owner; asking for the plan one is on records nothing.
    await org.client.request(`/orgs/${org.organizationId}/billing`, {
      method: "POST",
      form: { intent: "set-tier", tier: "ENTERPRISE" },
    });
    expect(await auditTrail(org.organizationId)).toMatchObject([
      { action: "billing.tier_changed", actorId: org.owner.id, before: { tier: "FREE" }, after: { tier: "PRO" } },
      { action: "billing.tier_changed", actorId: org.owner.id, before: { tier: "PRO" }, after: { tier: "ENTERPRISE" } },
    ]);
  });

  it("refuses admins, Checkout, and webhooks", async () => {
    const org = await organizationWithOwner(app.baseUrl, ["ADMIN"]);
    const admin = await org.signIn(0);
    const page = await pageText(await admin.request(`/orgs/${org.organizationId}/billing`));
    expect(page).toContain("Only owners can change the plan.");
    const refused = await admin.request(`/orgs/${org.organizationId}/billing`, {
      method: "POST",
      form: { intent: "set-tier", tier: "ENTERPRISE" },
    });
    expect(refused.status).toBe(403);
    expect(await tierOf(org.organizationId)).toBe("FREE");
    expect(await auditTrail(org.organizationId)).toEqual([]);

    const checkout = await org.client.request(`/orgs/${org.organizationId}/billing`, {
      method: "POST",
      form: { intent: "checkout", tier: "PRO" },
    });
    expect(checkout.status).toBe(409);
    expect(await checkout.text()).toContain("Billing is off on this server.");

    const webhook = await fetch(`${app.baseUrl}/api/stripe/webhook`, {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=00", "content-type": "application/json" },
      body: "{}",
    });
    expect(webhook.status).toBe(404);
  });
});
