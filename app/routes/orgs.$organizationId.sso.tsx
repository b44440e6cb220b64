import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { publicOrigin } from "~/config/env.server";
import { parseFields, readForm } from "~/http/validation.server";
import { retryAfterHeader } from "~/http/responses.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { ConnectionForm } from "~/sso/ConnectionForm";
import { DomainList } from "~/sso/DomainList";
import { ConnectionSchema, connectionSummary, removeConnection, saveConnection } from "~/sso/connections.server";
import { txtLookup } from "~/sso/dns-txt.server";
import { challengeName, challengeValue, DomainSchema } from "~/sso/domain-names.server";
import { addDomain, listDomains, removeDomain, setRequireSso, verifyDomain } from "~/sso/domains.server";
import { CALLBACK_PATH } from "~/sso/sign-in.server";
import styles from "~/sso/sso.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Single sign-on · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Owners and admins set up the organisation's identity provider and its domains. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const [connection, domains] = await Promise.all([connectionSummary(organization.id), listDomains(organization.id)]);
  return {
    organization,
    callbackUrl: new URL(CALLBACK_PATH, publicOrigin(request)).href,
    connection,
    domains: domains.map((d) => ({
      id: d.id,
      domain: d.domain,
      verified: Boolean(d.verifiedAt),
      verifiedAt: d.verifiedAt?.toISOString() ?? null,
      requireSso: d.requireSso,
      recordName: challengeName(d.domain),
      recordValue: challengeValue(d.verificationToken),
      lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
      lastCheckError: d.lastCheckError,
    })),
  };
}

const DomainId = z.string({ error: "Choose a domain." }).uuid("Choose a domain.");
const Intent = z.discriminatedUnion(
  "intent",
  [
    ConnectionSchema.extend({ intent: z.literal("save-connection") }),
    z.object({ intent: z.literal("remove-connection") }),
    z.object({ intent: z.literal("add-domain"), domain: DomainSchema }),
    z.object({ intent: z.literal("verify-domain"), domainId: DomainId }),
    z.object({ intent: z.literal("remove-domain"), domainId: DomainId }),
    z.object({
      intent: z.literal("require-sso"),
      domainId: DomainId,
      on: z.enum(["true", "false"], { error: "Choose on or off." }).transform((v) => v === "true"),
    }),
  ],
  { error: "Choose what to do from the page." },
);

type ActionResult = { ok: boolean; message?: string; fieldErrors?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const form = await readForm(request);
  if (!form.ok) return data<ActionResult>({ ok: false, message: form.message }, { status: 400 });
  const parsed = parseFields(Intent, form.values);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const actor = { organizationId: organization.id, origin: auditFrom(request, user) };
  const intent = parsed.data;

  // Saving and verifying reach out to other servers (the provider, DNS): a few a minute is plenty.
  if (intent.intent === "save-connection" || intent.intent === "verify-domain") {
    const limit = await consumeRateLimit(`sso-settings:${organization.id}`, { limit: 10, windowSeconds: 60 });
    if (!limit.allowed)
      return data<ActionResult>(
        { ok: false, message: "Too many checks this minute. Wait a moment and try again." },
        { status: 429, headers: retryAfterHeader(limit.resetAt) },
      );
  }

  switch (intent.intent) {
    case "save-connection": {
      const saved = await saveConnection(actor, intent);
      if (!saved.ok) return data<ActionResult>({ ok: false, fieldErrors: saved.fieldErrors }, { status: 400 });
      return data<ActionResult>({ ok: true, message: "Saved: the identity provider answered." });
    }
    case "remove-connection":
      return (await removeConnection(actor))
        ? data<ActionResult>({ ok: true, message: "Single sign-on removed; everyone signs in with passwords again." })
        : data<ActionResult>({ ok: false, message: "There is no identity provider to remove." }, { status: 404 });
    case "add-domain":
      return reply(await addDomain(actor, intent.domain));
    case "verify-domain":
      return reply(await verifyDomain(actor, intent.domainId, txtLookup()));
    case "remove-domain":
      return reply(await removeDomain(actor, intent.domainId));
    case "require-sso":
      return reply(await setRequireSso(actor, intent.domainId, intent.on));
  }
}

const reply = (result: { ok: boolean; message: string }) =>
  data<ActionResult>(result, { status: result.ok ? 200 : 409 });

export default function SingleSignOn() {
  const { organization, callbackUrl, connection, domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <main className="page sso-settings">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / {organization.name}
      </p>
      <h1>Single sign-on</h1>
      <p className="muted">
        People sign in through your identity provider (OpenID Connect). Prove which e-mail domains are yours; then
        people with those addresses join {organization.name} when they first sign in, and you can require single sign-on
        for them. GitHub and password log-in stay for everyone else.
      </p>
      {result?.message ? (
        <p className={result.ok ? "callout" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : errors.form || errors.intent ? (
        <p className="form-error" role="alert">
          {errors.form ?? errors.intent}
        </p>
      ) : null}
      <ConnectionForm connection={connection} callbackUrl={callbackUrl} errors={errors} busy={busy} />
      <DomainList domains={domains} connected={Boolean(connection)} errors={errors} busy={busy} />
    </main>
  );
}
