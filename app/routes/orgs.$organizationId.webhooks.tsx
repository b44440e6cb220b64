import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { Field } from "~/components/Field";
import { parseFields, withStrayErrorsAsForm } from "~/http/validation.server";
import styles from "~/usage/usage.css?url";
import { SIGNATURE_HEADER } from "~/webhooks/headers";
import {
  changeEndpoint,
  createEndpoint,
  CreateEndpointSchema,
  EndpointActionSchema,
  WEBHOOK_EVENT_TYPES,
  webhookSettings,
} from "~/webhooks/webhooks.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Webhooks · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Owners and admins only: where the organisation's events (cost anomalies, …) are sent. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAccess(request, params.organizationId, "manage");
  return { organization, settings: await webhookSettings(organization.id), eventTypes: WEBHOOK_EVENT_TYPES };
}

const Intent = z.discriminatedUnion("intent", [
  CreateEndpointSchema.extend({ intent: z.literal("create") }),
  EndpointActionSchema,
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const form = await request.formData().catch(() => null);
  if (!form) return data({ fieldErrors: { form: "The form could not be read." }, created: null }, { status: 400 });
  // Several checkboxes share the name "events".
  const values = { ...Object.fromEntries(form), events: form.getAll("events").map(String) };
  const parsed = parseFields(Intent, values);
  if (!parsed.ok)
    return data(
      { fieldErrors: withStrayErrorsAsForm(parsed.fieldErrors, ["url", "description", "events"]), created: null },
      { status: 400 },
    );
  const origin = auditFrom(request, user);
  if (parsed.data.intent === "create") {
    const created = await createEndpoint(organization.id, parsed.data, { ...origin, userId: user.id });
    if (!created.ok) return data({ fieldErrors: { form: created.message }, created: null }, { status: 400 });
    // The only time the secret is shown.
    return { fieldErrors: {}, created: { secret: created.secret } };
  }
  const changed = await changeEndpoint(organization.id, parsed.data, origin);
  if (!changed)
    return data(
      { fieldErrors: { form: "That is not one of this organisation's webhooks." }, created: null },
      { status: 404 },
    );
  return { fieldErrors: {}, created: null };
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC" : "—");

export default function Webhooks() {
  const { organization, settings, eventTypes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const pending = settings.deliveries.some((d) => d.status === "PENDING");
  // While deliveries are on their way, the log refreshes itself.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  return (
    <main className="page">
      <p className="breadcrumbs">{organization.name}</p>
      <h1>Webhooks</h1>
      <p className="muted">
        Events of this organisation (cost anomalies today) sent as JSON to your systems or to a Slack incoming webhook.
        Every request is signed: the <code>{SIGNATURE_HEADER}</code> header carries <code>t=</code> (Unix seconds) and{" "}
        <code>v1=</code>, the HMAC-SHA256 of <code>&lt;t&gt;.&lt;body&gt;</code> with the endpoint's secret. Failed
        deliveries are retried with growing delays for about 15 minutes.
      </p>

      {result?.created ? (
        <section className="callout token-created" role="status" aria-label="New webhook">
          <h2>Webhook added</h2>
          <p>Its signing secret, shown only now (we keep it encrypted, and never show it again):</p>
          <div className="token-value">
            <code data-testid="webhook-secret">{result.created.secret}</code>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a webhook</h2>
        <Form method="post" className="webhook-form">
          <input type="hidden" name="intent" value="create" />
          <Field
            label="URL"
            name="url"
            type="url"
            placeholder="https://hooks.slack.com/services/…"
            required
            error={errors.url}
          />
          <Field
            label="Description"
            name="description"
            maxLength={200}
            placeholder="e.g. #finops in Slack"
            error={errors.description}
          />
          <fieldset>
            <legend>Format</legend>
            <label>
              <input type="radio" name="format" value="JSON" defaultChecked /> JSON (event, data, and Slack's text)
            </label>
            <label>
              <input type="radio" name="format" value="SLACK" /> Slack only (text and blocks)
            </label>
          </fieldset>
          <fieldset>
            <legend>Events (none ticked: all)</legend>
            {Object.entries(eventTypes).map(([type, label]) => (
              <label key={type}>
                <input type="checkbox" name="events" value={type} /> {label} <code>{type}</code>
              </label>
            ))}
            {errors.events ? <p className="field-error">{errors.events}</p> : null}
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Adding…" : "Add webhook"}
          </button>
        </Form>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        {settings.endpoints.length === 0 ? (
          <p className="empty">No webhooks yet. Add one above to get cost anomalies in Slack or your own systems.</p>
        ) : (
          <table className="token-table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Format and events</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {settings.endpoints.map((e) => (
                <tr key={e.id} data-testid="webhook-row" className={e.enabled ? "" : "revoked"}>
                  <td>
                    <code>{e.url}</code>
                    {e.description ? <span className="muted budget-detail">{e.description}</span> : null}
                  </td>
                  <td>
                    {e.format === "SLACK" ? "Slack" : "JSON"} · {e.events.length ? e.events.join(", ") : "all events"}
                  </td>
                  <td>{e.enabled ? "On" : "Off"}</td>
                  <td>
                    <Form method="post" className="saving-actions">
                      <input type="hidden" name="endpointId" value={e.id} />
                      <button type="submit" name="intent" value="test" disabled={busy}>
                        Send a test
                      </button>
                      <button type="submit" name="intent" value={e.enabled ? "disable" : "enable"} disabled={busy}>
                        {e.enabled ? "Turn off" : "Turn on"}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="delete"
                        disabled={busy}
                        onClick={(ev) => !confirm("Delete this webhook and its delivery log?") && ev.preventDefault()}
                      >
                        Delete
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="log-heading">
        <h2 id="log-heading">Delivery log</h2>
        {settings.deliveries.length === 0 ? (
          <p className="empty">Nothing sent yet. “Send a test” sends one now.</p>
        ) : (
          <table className="token-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Created</th>
                <th scope="col">Outcome</th>
                <th scope="col">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {settings.deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>{when(d.createdAt)}</td>
                  <td>
                    {d.status === "DELIVERED"
                      ? `Delivered (${d.responseStatus}) ${when(d.deliveredAt)}`
                      : d.status === "FAILED"
                        ? `Failed: ${d.error ?? "unknown"}`
                        : d.attempts
                          ? `Retrying: ${d.error ?? ""}`
                          : "Sending…"}
                  </td>
                  <td>{d.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
