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
import { requireUser } from "~/auth/session.server";
import { Field } from "~/components/Field";
import { parseForm, withStrayErrorsAsForm } from "~/http/validation.server";
import { listOrganizationsOf } from "~/orgs/organization.server";
import styles from "~/orgs/orgs.css?url";
import { TOKEN_LIFETIMES, TOKEN_SCOPES } from "~/tokens/scopes";
import {
  CreateTokenSchema,
  createPersonalToken,
  listPersonalTokens,
  revokePersonalToken,
  RevokeTokenSchema,
} from "~/tokens/tokens.server";

export const meta: MetaFunction = () => [{ title: "Personal access tokens · APIMarketplace Pro" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tokens, organizations] = await Promise.all([listPersonalTokens(user.id), listOrganizationsOf(user.id)]);
  const now = Date.now();
  return {
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    tokens: tokens.map((t) => ({
      ...t,
      expired: t.expiresAt.getTime() <= now,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
  };
}

const Intent = z.discriminatedUnion("intent", [CreateTokenSchema, RevokeTokenSchema], {
  error: "Choose to create or revoke a token.",
});

type ActionResult = { created: { name: string; token: string } | null; fieldErrors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok)
    return data<ActionResult>(
      {
        created: null,
        fieldErrors: withStrayErrorsAsForm(parsed.fieldErrors, ["name", "organizationId", "expiresInDays", "scopes"]),
      },
      { status: 400 },
    );
  const audit = auditFrom(request, user);
  if (parsed.data.intent === "revoke") {
    const revoked = await revokePersonalToken(user.id, parsed.data.tokenId, audit);
    if (!revoked)
      return data<ActionResult>(
        { created: null, fieldErrors: { form: "That token is already revoked, or not yours." } },
        { status: 404 },
      );
    return { created: null, fieldErrors: {} } satisfies ActionResult;
  }
  const result = await createPersonalToken(user, parsed.data, audit);
  if (!result.ok)
    return data<ActionResult>(
      { created: null, fieldErrors: { organizationId: result.message } },
      { status: result.status },
    );
  // The only time the token is ever shown: only its hash is stored.
  return { created: { name: result.name, token: result.token }, fieldErrors: {} } satisfies ActionResult;
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

export default function PersonalTokens() {
  const { organizations, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const [copied, setCopied] = useState(false);
  return (
    <main className="page">
      <h1>Personal access tokens</h1>
      <p className="muted">
        A token lets a script or CI act as you in one organisation, through the automation API, with only the scopes you
        give it. It stops working when it expires, when you revoke it, or if you leave the organisation.
      </p>

      {result?.created ? (
        <section className="callout token-created" role="status" aria-label="New token">
          <h2>Token “{result.created.name}” created</h2>
          <p>Copy it now: it is shown only once. We keep only a hash of it.</p>
          <div className="inline-form">
            <code data-testid="new-token" className="token-secret">
              {result.created.token}
            </code>
            <button
              type="button"
              onClick={() => navigator.clipboard.writeText(result.created!.token).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="small">
            Use it as <code>Authorization: Bearer {result.created.token.slice(0, 12)}…</code>
          </p>
        </section>
      ) : null}

      {organizations.length === 0 ? (
        <p className="empty">You are not in an organisation yet: tokens act in one, so join one first.</p>
      ) : (
        <section className="panel" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token</h2>
          <Form method="post" className="stack" noValidate aria-label="Create a token">
            <input type="hidden" name="intent" value="create" />
            <div className="form-grid">
              <Field
                label="Name"
                name="name"
                placeholder="e.g. CI (GitHub Actions)"
                maxLength={80}
                required
                error={errors.name}
              />
              <div className="field">
                <label htmlFor="token-org">Organisation</label>
                <select id="token-org" name="organizationId">
                  {organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                {errors.organizationId ? (
                  <p className="field-error" role="alert">
                    {errors.organizationId}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="token-expiry">Expires after</label>
                <select id="token-expiry" name="expiresInDays" defaultValue="30">
                  {Object.entries(TOKEN_LIFETIMES).map(([days, label]) => (
                    <option key={days} value={days}>
                      {label}
                    </option>
                  ))}
                </select>
                {errors.expiresInDays ? (
                  <p className="field-error" role="alert">
                    {errors.expiresInDays}
                  </p>
                ) : null}
              </div>
            </div>
            <fieldset className="team-chips">
              <legend>Scopes: what it may do</legend>
              {Object.entries(TOKEN_SCOPES).map(([scope, label]) => (
                <label key={scope}>
                  <input type="checkbox" name="scopes" value={scope} /> <code>{scope}</code> {label}
                </label>
              ))}
              {errors.scopes ? (
                <p className="field-error" role="alert">
                  {errors.scopes}
                </p>
              ) : null}
            </fieldset>
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? "Creating…" : "Create token"}
              </button>
            </div>
          </Form>
        </section>
      )}

      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty">No tokens yet. Create one for each script or system, so you can revoke one alone.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Organisation</th>
                <th scope="col">Scopes</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} data-testid="token-row" className={t.revokedAt || t.expired ? "muted" : ""}>
                  <td data-label="Name">
                    {t.name} <code className="muted small">{t.prefix}…</code>
                  </td>
                  <td data-label="Organisation">{t.organizationName}</td>
                  <td data-label="Scopes">{t.scopes.join(", ")}</td>
                  <td data-label="Expires">{t.expired ? `expired ${day(t.expiresAt)}` : day(t.expiresAt)}</td>
                  <td data-label="Last used">{t.lastUsedAt ? day(t.lastUsedAt) : "never"}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="muted">Revoked {day(t.revokedAt)}</span>
                    ) : (
                      <Form
                        method="post"
                        onSubmit={(e) =>
                          !confirm(`Revoke “${t.name}”? It stops working at once.`) && e.preventDefault()
                        }
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="danger" aria-label={`Revoke ${t.name}`}>
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
    </main>
  );
}
