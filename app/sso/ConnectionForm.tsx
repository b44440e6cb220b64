import { Form } from "@remix-run/react";
import { ROLE_LABELS } from "~/auth/permissions";
import { Field } from "~/components/Field";
import { maskSecret } from "~/keys/mask";

type Connection = {
  issuer: string;
  clientId: string;
  secretHint: string;
  defaultRole: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
  lastSuccessAt: string | null;
} | null;

/** The identity provider's settings, and what to register with it. */
export function ConnectionForm({
  connection,
  callbackUrl,
  errors,
  busy,
}: {
  connection: Connection;
  callbackUrl: string;
  errors: Record<string, string | undefined>;
  busy: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="provider-heading">
      <h2 id="provider-heading">Identity provider</h2>
      <p>
        Register this app with your provider as a web application, with the redirect URI{" "}
        <code data-testid="sso-callback-url">{callbackUrl}</code>, and the scopes <code>openid email profile</code>.
      </p>
      {connection ? (
        <p className="muted" data-testid="sso-status">
          {connection.lastSuccessAt
            ? `Working: the last sign-in through it was ${new Date(connection.lastSuccessAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}.`
            : "Saved, but nobody has signed in through it yet: sign in once with single sign-on (a private window works) before requiring it."}
        </p>
      ) : null}
      <Form method="post" className="stack sso-form">
        <input type="hidden" name="intent" value="save-connection" />
        <Field
          label="Issuer URL"
          name="issuer"
          type="url"
          placeholder="https://login.acme.com"
          defaultValue={connection?.issuer}
          required
          maxLength={500}
          error={errors.issuer}
        />
        <Field
          label="Client ID"
          name="clientId"
          defaultValue={connection?.clientId}
          required
          maxLength={255}
          autoComplete="off"
          error={errors.clientId}
        />
        <Field
          label={
            connection
              ? `Client secret (stored: ${maskSecret(connection.secretHint)}; leave blank to keep it)`
              : "Client secret"
          }
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          maxLength={1000}
          required={!connection}
          error={errors.clientSecret}
        />
        <div className="field">
          <label htmlFor="default-role">Role of people who join by signing in</label>
          <select id="default-role" name="defaultRole" defaultValue={connection?.defaultRole ?? "MEMBER"}>
            {(["MEMBER", "VIEWER", "ADMIN"] as const).map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          {errors.defaultRole ? (
            <p className="field-error" role="alert">
              {errors.defaultRole}
            </p>
          ) : null}
        </div>
        <div className="sso-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Checking…" : connection ? "Save and check" : "Connect and check"}
          </button>
        </div>
      </Form>
      {connection ? (
        <Form
          method="post"
          onSubmit={(e) =>
            !confirm("Remove single sign-on? Domains that require it go back to passwords.") && e.preventDefault()
          }
        >
          <input type="hidden" name="intent" value="remove-connection" />
          <button type="submit" className="danger-link" disabled={busy}>
            Remove the identity provider
          </button>
        </Form>
      ) : null}
    </section>
  );
}
