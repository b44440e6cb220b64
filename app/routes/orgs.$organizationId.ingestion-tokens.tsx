import { formatCount } from "~/format/numbers";
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { Field } from "~/components/Field";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { parseForm } from "~/http/validation.server";
import { MAX_EVENTS_PER_BATCH } from "~/usage/ingestion-limits";
import {
  CreateTokenSchema,
  createIngestionToken,
  listIngestionTokens,
  revokeIngestionToken,
} from "~/usage/ingestion-tokens.server";
import { listSubscriptions } from "~/usage/spend.server";
import styles from "~/usage/usage.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Usage ingestion · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const [tokens, subscriptions] = await Promise.all([
    listIngestionTokens(organization.id),
    listSubscriptions(organization.id),
  ]);
  return {
    organization,
    endpoint: `${new URL(request.url).origin}/api/usage/events`,
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
    subscriptions: subscriptions.map((s) => ({ id: s.id, label: `${s.api.name} · ${s.team.name} · ${s.plan.name}` })),
  };
}

const Intent = z.discriminatedUnion("intent", [
  CreateTokenSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().uuid("Choose a token to revoke.") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, created: null }, { status: 400 });
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeIngestionToken(organization.id, parsed.data.tokenId, auditFrom(request, user));
    if (!revoked)
      return data(
        { fieldErrors: { form: "That token is already revoked, or not one of yours." }, created: null },
        { status: 404 },
      );
    return { fieldErrors: {}, created: null };
  }
  const created = await createIngestionToken(
    { organizationId: organization.id, name: parsed.data.name, createdById: user.id },
    auditFrom(request, user),
  );
  // The only time the token is ever shown: it is not stored, only its hash.
  return { fieldErrors: {}, created: { name: created.name, token: created.token } };
}

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "never";

export default function IngestionTokens() {
  const { organization, endpoint, tokens, subscriptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const [copied, setCopied] = useState(false);
  const example = JSON.stringify(
    {
      events: [
        {
          eventId: "req_8f14e45f",
          subscriptionId: subscriptions[0]?.id ?? "<subscription id>",
          operation: "createChatCompletion",
          units: { input_token: 1200, output_token: 400 },
          occurredAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        },
      ],
    },
    null,
    2,
  );

  return (
    <main className="page">
      <p className="breadcrumbs">{organization.name}</p>
      <h1>Usage ingestion</h1>
      <p className="muted">
        Your systems report what they use of each API; every cost view (cost canvases, budgets) is computed from it.
        Tokens belong to the organisation and only owners and admins can see this page.
      </p>

      {result?.created ? (
        <section className="callout token-created" role="status" aria-label="New token">
          <h2>Token “{result.created.name}” created</h2>
          <p>Copy it now: it is shown only once. We keep only a hash of it.</p>
          <div className="token-value">
            <code data-testid="new-token">{result.created.token}</code>
            <button
              type="button"
              onClick={() => navigator.clipboard.writeText(result.created!.token).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        <Form method="post" className="token-form">
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            placeholder="e.g. billing-pipeline (production)"
            maxLength={80}
            required
            error={errors.name}
          />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Creating…" : "Create token"}
          </button>
        </Form>
        <FormErrorSummary errors={errors} shown={["name"]} />
        {tokens.length === 0 ? (
          <p className="empty">
            No tokens yet. Create one for each system that reports usage, so you can revoke one without the others.
          </p>
        ) : (
          <table className="token-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className={t.revokedAt ? "revoked" : ""} data-testid="token-row">
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>
                    {when(t.createdAt)}
                    {t.createdBy ? ` by ${t.createdBy.name}` : ""}
                  </td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="muted">Revoked {when(t.revokedAt)}</span>
                    ) : (
                      <Form
                        method="post"
                        onSubmit={(e) =>
                          !confirm(`Revoke “${t.name}”? Systems using it will be refused at once.`) &&
                          e.preventDefault()
                        }
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="how-heading">
        <h2 id="how-heading">Sending usage</h2>
        <p>
          <code>POST {endpoint}</code> with <code>Authorization: Bearer &lt;token&gt;</code> and up to{" "}
          {formatCount(MAX_EVENTS_PER_BATCH)} events per batch:
        </p>
        <pre className="code-block">{example}</pre>
        <ul>
          <li>
            <code>eventId</code> is yours and unique per event: send a batch again after a timeout and nothing is
            counted twice.
          </li>
          <li>
            <code>units</code> is a number with <code>unit</code> (or alone, when the plan prices one unit for the
            operation), or units by kind as above.
          </li>
          <li>Costs come from your plan's unit prices, after its monthly included units.</li>
          <li>
            The answer lists what was <code>accepted</code>, each <code>duplicate</code>, and each rejected event with
            its reasons; the good events of a batch count even when others are rejected.
          </li>
        </ul>
        <h3>Your subscriptions</h3>
        {subscriptions.length === 0 ? (
          <p className="empty">No subscriptions yet.</p>
        ) : (
          <ul className="subscription-ids">
            {subscriptions.map((s) => (
              <li key={s.id}>
                {s.label}: <code>{s.id}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
