import { prisma } from "~/db/client.server";
import { startTestApp } from "./app-server";
import { CookieClient } from "./browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "./factories";
import { startFakeStripe } from "./fake-stripe";

/** The app in this test process with billing on, its SDK pointed at a fake Stripe that posts webhooks back to it. */
export const STRIPE_TEST_ENV = {
  STRIPE_SECRET_KEY: "sk_test_integration0123456789",
  STRIPE_WEBHOOK_SECRET: "whsec_integration0123456789abcdef",
  STRIPE_PRICE_PRO: "price_pro_seat",
  STRIPE_PRICE_ENTERPRISE: "price_enterprise_seat",
};

export async function startBillingStack() {
  const stripe = await startFakeStripe({
    apiKey: STRIPE_TEST_ENV.STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET,
    prices: [
      { id: STRIPE_TEST_ENV.STRIPE_PRICE_PRO, unitAmount: 1200 },
      { id: STRIPE_TEST_ENV.STRIPE_PRICE_ENTERPRISE, unitAmount: 4900 },
    ],
  });
  const app = await startTestApp({ ...STRIPE_TEST_ENV, STRIPE_API_URL: stripe.baseUrl });
  stripe.setWebhookUrl(`${app.baseUrl}/api/stripe/webhook`);
  return {
    stripe,
    app,
    close: async () => {
      await app.close();
      await stripe.close();
    },
  };
}

/** An organisation with an owner (signed in), and optionally more people with their roles. */
export async function organizationWithOwner(baseUrl: string, others: ("ADMIN" | "MEMBER" | "VIEWER")[] = []) {
  const owner = await createUser("Owner");
  const people = await Promise.all(others.map((role) => createUser(role).then((u) => ({ user: u, role }))));
  const workspace = await createWorkspaceWith([
    { userId: owner.id, role: "OWNER" },
    ...people.map((p) => ({ userId: p.user.id, role: p.role })),
  ]);
  const client = new CookieClient(baseUrl);
  await client.logIn(owner.email, TEST_PASSWORD);
  const signIn = async (index: number) => {
    const c = new CookieClient(baseUrl);
    await c.logIn(people[index]!.user.email, TEST_PASSWORD);
    return c;
  };
  return { owner, workspace, organizationId: workspace.organizationId, client, people, signIn };
}

export const tierOf = async (organizationId: string) =>
  (await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { tier: true } })).tier;

/** A page's HTML without the comments React puts between adjacent text parts, so sentences can be matched. */
export const pageText = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
