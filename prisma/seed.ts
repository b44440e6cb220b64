import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../app/generated/prisma/client";
import { envVarNameFor } from "../app/catalog/env-var-name";
import { DEMO_USERS } from "./demo/users";
import { CATALOG } from "./demo/catalog";
import { catalogApiCreateInput } from "./demo/catalog/create-input";
import { DEMO_TEAM_PLANS, demoSubscription, generateDemoUsage, type DemoSubscription } from "./demo/usage";
import {
  seedDemoBudgets,
  seedDemoCanvas,
  seedDemoCostCenters,
  seedDemoMonthToDate,
  type DemoSubscriptionRef,
} from "./demo/canvas";
import { seedDemoRequest } from "./demo/requests";
import { seedDemoHourly, seedMarketplaceOrganizations } from "./demo/intelligence";

/**
 * Demo data for an empty database: the catalog, an organisation with three people,
 * a workspace with documents of every kind (rooms included), teams subscribed to APIs,
 * managed keys and 90 days of usage. Does nothing if any user exists.
 *
 * The demo people get their published passwords (prisma/demo/users.ts) only when asked
 * for (`passwords: "published"`: the embedded development database and the tests);
 * otherwise each gets a random password, returned once, so a demo organisation seeded
 * into a real database never has an owner anyone can log in as from the README.
 */
export type DemoPasswords = "published" | "random";

export async function seedDemoData(
  prisma: PrismaClient,
  { usageDays = 90, passwords = "random" as DemoPasswords } = {},
) {
  if ((await prisma.user.count()) > 0) return { seeded: false as const };
  // Imported here so that importing this file (for its types) does not need the app's env.
  const { hashPassword } = await import("../app/auth/password.server");
  const { createDocument } = await import("../app/kinds/documents.server");
  const { storeApiKey } = await import("../app/keys/api-keys.server");

  const apis = new Map<string, { id: string; plans: Map<string, string> }>();
  for (const api of CATALOG) {
    const created = await prisma.api.create({
      data: catalogApiCreateInput(api),
      include: { plans: true },
    });
    apis.set(api.slug, { id: created.id, plans: new Map(created.plans.map((p) => [p.name, p.id])) });
  }

  const users: Record<string, { id: string }> = {};
  const credentials: { email: string; password: string }[] = [];
  for (const demo of DEMO_USERS) {
    const password = passwords === "published" ? demo.password : randomBytes(18).toString("base64url");
    credentials.push({ email: demo.email, password });
    users[demo.key] = await prisma.user.create({
      data: { email: demo.email, name: demo.name, passwordHash: await hashPassword(password) },
      select: { id: true },
    });
  }

  const org = await prisma.organization.create({
    data: {
      name: "Acme Robotics",
      slug: "acme-robotics",
      tier: "PRO",
      memberships: { create: DEMO_USERS.map((u) => ({ userId: users[u.key]!.id, role: u.role })) },
    },
  });
  const workspace = await prisma.workspace.create({
    data: {
      organizationId: org.id,
      name: "Acme Platform",
      memberships: { create: DEMO_USERS.map((u) => ({ userId: users[u.key]!.id, role: u.role })) },
    },
  });

  const teams = new Map<string, string>();
  for (const name of new Set(DEMO_TEAM_PLANS.map(([team]) => team))) {
    const team = await prisma.team.create({
      data: {
        organizationId: org.id,
        name,
        members: { create: DEMO_USERS.filter((u) => u.role !== "VIEWER").map((u) => ({ userId: users[u.key]!.id })) },
      },
    });
    teams.set(name, team.id);
  }
  // Whoever joins the Platform team works in the demo workspace (people invited into it, say).
  await prisma.team.update({ where: { id: teams.get("Platform")! }, data: { leadId: users.ada!.id } });
  await prisma.workspaceTeamAccess.create({
    data: { workspaceId: workspace.id, teamId: teams.get("Platform")!, role: "MEMBER" },
  });

  const now = new Date();
  const start = new Date(now.getTime() - usageDays * 86_400_000);
  const demoSubscriptions: DemoSubscription[] = [];
  const subscriptionRefs: DemoSubscriptionRef[] = [];
  const keyOf = new Map<string, string>();
  for (const [teamName, slug, planIndex, scale] of DEMO_TEAM_PLANS) {
    const api = CATALOG.find((a) => a.slug === slug);
    const plan = api?.plans[Math.min(planIndex, api.plans.length - 1)];
    if (!api || !plan) throw new Error(`The demo catalog has no API "${slug}"`);
    const subscription = await prisma.subscription.create({
      data: { teamId: teams.get(teamName)!, planId: apis.get(slug)!.plans.get(plan.name)!, startedAt: start },
    });
    subscriptionRefs.push({ id: subscription.id, slug, team: teamName });
    demoSubscriptions.push(demoSubscription(subscription.id, slug, plan, scale, usageDays));
    const key = await storeApiKey({
      organizationId: org.id,
      subscriptionId: subscription.id,
      label: `${api.name} (${teamName})`,
      envVarName: envVarNameFor(slug),
      secret: `demo_${slug}_${crypto.randomUUID().replace(/-/g, "")}`,
      createdById: users.ada!.id,
    });
    keyOf.set(subscription.id, key.id);
  }

  const rows = generateDemoUsage(demoSubscriptions, usageDays, now);
  await prisma.usageRecord.createMany({ data: rows });
  // The OpenAI spike came from a second key, a batch job run from Europe (hourly usage shows it).
  const openai = demoSubscriptions.find((s) => s.spikeDay !== undefined)!;
  const batchKey = await storeApiKey({
    organizationId: org.id,
    subscriptionId: openai.id,
    label: "OpenAI batch jobs (Data)",
    envVarName: "OPENAI_BATCH_API_KEY",
    secret: `demo_openai_batch_${crypto.randomUUID().replace(/-/g, "")}`,
    createdById: users.ada!.id,
  });
  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (usageDays - 1) * 86_400_000;
  await seedDemoHourly(
    prisma,
    rows,
    keyOf,
    {
      subscriptionId: openai.id,
      days: [0, 1, 2].map((d) => firstDay + (openai.spikeDay! + d) * 86_400_000),
      batchKeyId: batchKey.id,
    },
    now,
  );
  await seedMarketplaceOrganizations(prisma, new Map([...apis].map(([slug, api]) => [slug, api.plans])), now);
  await seedDemoMonthToDate(prisma, demoSubscriptions, rows, now);
  await seedDemoBudgets(prisma, subscriptionRefs, rows, now);
  await seedDemoCostCenters(prisma, org.id, subscriptionRefs);

  const documents: [kind: "REQUEST" | "AI" | "CANVAS" | "APPROVALS", title: string, by: string][] = [
    ["REQUEST", "Create a Stripe PaymentIntent", "ada"],
    ["REQUEST", "Send an SMS with Twilio", "grace"],
    ["AI", "Summarise support tickets with Claude", "ada"],
    ["AI", "Geocode warehouse addresses", "grace"],
    ["CANVAS", "Q3 API spend review", "ada"],
    ["CANVAS", "Messaging costs by team", "grace"],
    ["APPROVALS", "New API requests", "ada"],
    ["APPROVALS", "Spend increases", "grace"],
  ];
  const created = new Map<string, Awaited<ReturnType<typeof createDocument>>>();
  for (const [kind, title, by] of documents) {
    const document = await createDocument({ workspaceId: workspace.id, kind, title, createdById: users[by]!.id });
    created.set(title, document);
    if (kind === "REQUEST") await seedDemoRequest(document);
  }
  await seedDemoCanvas({
    document: created.get("Q3 API spend review")!,
    subscriptions: subscriptionRefs,
    teams,
    users: { ada: users.ada!.id, grace: users.grace!.id },
  });

  // Anomalies, forecasts and savings are there from the start (later, the jobs keep them current).
  const { refreshIntelligence } = await import("../app/intelligence/refresh.server");
  await refreshIntelligence(org.id);

  return {
    seeded: true as const,
    organizationId: org.id,
    workspaceId: workspace.id,
    usageRows: rows.length,
    credentials,
  };
}

// `npm run db:seed` / `prisma db seed`: random passwords unless DEMO_PASSWORDS=published
// (set by `npm start` for the embedded development database, and by the test harness).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { prisma } = await import("../app/db/client.server");
  const passwords: DemoPasswords = process.env.DEMO_PASSWORDS === "published" ? "published" : "random";
  const result = await seedDemoData(prisma, { passwords });
  if (!result.seeded) console.log("The database has users already: no demo data added.");
  else {
    console.log(`Demo data created (${result.usageRows} usage rows).`);
    if (passwords === "random") {
      console.log("Demo accounts, with passwords made for this database (shown only now):");
      for (const c of result.credentials) console.log(`  ${c.email}  ${c.password}`);
    }
  }
  await prisma.$disconnect();
}
