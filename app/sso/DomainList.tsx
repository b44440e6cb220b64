import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";

type Domain = {
  id: string;
  domain: string;
  verified: boolean;
  requireSso: boolean;
  recordName: string;
  recordValue: string;
  lastCheckedAt: string | null;
  lastCheckError: string | null;
};

/** The organisation's e-mail domains: how to verify each, and "require SSO" once verified. */
export function DomainList({
  domains,
  connected,
  errors,
  busy,
}: {
  domains: Domain[];
  connected: boolean;
  errors: Record<string, string | undefined>;
  busy: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="domains-heading">
      <h2 id="domains-heading">Domains</h2>
      {/* A new key after each added domain empties the field. */}
      <Form method="post" className="domain-form" key={domains.length}>
        <input type="hidden" name="intent" value="add-domain" />
        <Field label="Domain" name="domain" placeholder="acme.com" maxLength={253} required error={errors.domain} />
        <button type="submit" disabled={busy}>
          Add domain
        </button>
      </Form>
      {domains.length === 0 ? (
        <p className="empty">
          No domains yet. Add the domain of your work e-mail addresses (like acme.com), then prove it is yours with a
          DNS record.
        </p>
      ) : (
        <ul className="domain-list">
          {domains.map((d) => (
            <li key={d.id} className="domain" data-testid={`domain-${d.domain}`}>
              <div className="domain-head">
                <strong>{d.domain}</strong>
                <span className={`domain-state ${d.verified ? "verified" : "pending"}`}>
                  {d.verified ? "Verified" : "Not verified yet"}
                </span>
                {d.requireSso ? <span className="badge">SSO required</span> : null}
              </div>
              {d.verified ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="require-sso" />
                  <input type="hidden" name="domainId" value={d.id} />
                  <input type="hidden" name="on" value={d.requireSso ? "false" : "true"} />
                  <button type="submit" disabled={busy || (!connected && !d.requireSso)}>
                    {d.requireSso ? `Allow passwords for @${d.domain} again` : `Require SSO for @${d.domain}`}
                  </button>
                </Form>
              ) : (
                <>
                  <p>Add this TXT record at your DNS provider, then check it:</p>
                  <dl className="dns-record">
                    <dt>Name</dt>
                    <dd>
                      <code>{d.recordName}</code>
                    </dd>
                    <dt>Type</dt>
                    <dd>
                      <code>TXT</code>
                    </dd>
                    <dt>Value</dt>
                    <dd>
                      <code data-testid="txt-value">{d.recordValue}</code>
                    </dd>
                  </dl>
                  {d.lastCheckError ? (
                    <p className="field-error" role="alert">
                      {d.lastCheckError}
                    </p>
                  ) : null}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="verify-domain" />
                    <input type="hidden" name="domainId" value={d.id} />
                    <button type="submit" className="primary" disabled={busy}>
                      Check the record
                    </button>
                  </Form>
                </>
              )}
              <Form
                method="post"
                className="inline-form"
                onSubmit={(e) => !confirm(`Remove ${d.domain}?`) && e.preventDefault()}
              >
                <input type="hidden" name="intent" value="remove-domain" />
                <input type="hidden" name="domainId" value={d.id} />
                <button type="submit" className="danger-link" disabled={busy} aria-label={`Remove ${d.domain}`}>
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
