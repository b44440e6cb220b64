import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { PlanCards } from "~/billing/PlanCards";
import { InvoiceTable } from "~/billing/InvoiceTable";
import { PlanSummary } from "~/billing/PlanSummary";
import { WaitForStripe } from "~/billing/WaitForStripe";
import styles from "~/billing/billing.css?url";
import {
  changePlan,
  matchSeatsToMembers,
  openCustomerPortal,
  startCheckout,
  type Actor,
} from "~/billing/checkout.server";
import { setTierDirectly } from "~/billing/manual-tier.server";
import { billingOverview } from "~/billing/overview.server";
import { billingEnabled } from "~/billing/stripe.server";
import { PAID_TIERS, TIERS } from "~/billing/plans";
import { publicOrigin } from "~/config/env.server";
import { parseForm } from "~/http/validation.server";
import { retryAfterHeader } from "~/http/responses.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Billing · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Owners and admins see and manage billing; while billing is off, owners set the plan directly. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role } = await requireOrganizationAccess(request, params.organizationId, "manage");
  return { organization, isOwner: role === "OWNER", overview: await billingOverview(organization.id) };
}

const choose = "Choose a plan.";
const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("checkout"), tier: z.enum(PAID_TIERS, { error: choose }) }),
    z.object({ intent: z.literal("change-plan"), tier: z.enum(PAID_TIERS, { error: choose }) }),
    z.object({ intent: z.literal("portal") }),
    z.object({ intent: z.literal("seats") }),
    z.object({ intent: z.literal("set-tier"), tier: z.enum(TIERS, { error: choose }) }),
  ],
  { error: "Choose what to do from the page." },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user, role } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return data({ ok: false, message: Object.values(parsed.fieldErrors)[0]! }, { status: 400 });
  const actor: Actor = {
    organizationId: organization.id,
    organizationName: organization.name,
    email: user.email,
    origin: auditFrom(request, user),
  };
  const intent = parsed.data;

  if (intent.intent === "set-tier") {
    if (role !== "OWNER") return data({ ok: false, message: "Only owners can change the plan." }, { status: 403 });
    const result = await setTierDirectly(organization.id, intent.tier, actor.origin);
    if (!result.ok) return data({ ok: false, message: result.message }, { status: 409 });
    return { ok: true, message: result.changed ? "Plan changed." : "That is the plan already." };
  }

  // Every other intent asks Stripe for something: a few a minute is plenty for a person.
  const limit = await consumeRateLimit(`billing:${organization.id}`, { limit: 20, windowSeconds: 60 });
  if (!limit.allowed)
    return data(
      { ok: false, message: "Too many billing requests this minute. Wait a moment and try again." },
      { status: 429, headers: retryAfterHeader(limit.resetAt) },
    );
  if (!billingEnabled()) return data({ ok: false, message: "Billing is off on this server." }, { status: 409 });

  const origin = publicOrigin(request);
  if (intent.intent === "checkout" || intent.intent === "portal") {
    const result =
      intent.intent === "checkout"
        ? await startCheckout(actor, intent.tier, origin)
        : await openCustomerPortal(actor, origin);
    if (!result.ok) return data({ ok: false, message: result.message }, { status: 409 });
    return redirect(result.url);
  }
  const result =
    intent.intent === "change-plan" ? await changePlan(actor, intent.tier) : await matchSeatsToMembers(actor);
  return data(result, { status: result.ok ? 200 : 409 });
}

export default function Billing() {
  const { organization, isOwner, overview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const checkout = params.get("checkout");

  return (
    <main className="page billing">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / {organization.name}
      </p>
      <h1>Billing</h1>

      {!overview.enabled ? (
        <p className="callout" data-testid="billing-off">
          <strong>Billing is off on this server</strong> (no <code>STRIPE_SECRET_KEY</code>): nothing is charged.{" "}
          {isOwner ? "As an owner, you set the plan directly below." : "Owners set the plan directly."}
        </p>
      ) : null}
      {checkout === "done" ? (
        <WaitForStripe paying={Boolean(overview.subscription?.paying)} tier={overview.tier} />
      ) : null}
      {checkout === "canceled" ? (
        <p className="callout" role="status">
          Checkout was cancelled: nothing was charged.
        </p>
      ) : null}
      {result?.message ? (
        <p className={result.ok ? "callout" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      <PlanSummary overview={overview} busy={busy} />

      <section className="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans</h2>
        <PlanCards overview={overview} isOwner={isOwner} busy={busy} />
      </section>

      <section className="panel" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        <InvoiceTable invoices={overview.invoices} enabled={overview.enabled} />
      </section>
    </main>
  );
}
