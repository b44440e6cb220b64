import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/config/env.server";
import { emailConfigured, listOutbox } from "~/email/mailer.server";
import { httpError } from "~/http/responses.server";

export const meta: MetaFunction = () => [{ title: "E-mail outbox (development) · APIMarketplace Pro" }];

/**
 * The e-mails kept while no SMTP server is configured, for a laptop run (`npm start` with
 * embedded PostgreSQL sets SHOW_OUTBOX). Anywhere else it answers 404: messages hold
 * single-use links meant for one person.
 */
export async function loader(_: LoaderFunctionArgs) {
  const { SHOW_OUTBOX, NODE_ENV } = env();
  if (!SHOW_OUTBOX && NODE_ENV !== "development") throw httpError(404, "Not found.");
  const messages = await listOutbox();
  return {
    smtp: emailConfigured(),
    messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

const LINK = /^https?:\/\/\S+$/;

export default function Outbox() {
  const { smtp, messages } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>E-mail outbox</h1>
      <p className="muted">
        {smtp
          ? "SMTP_URL is set, so new e-mails go to the mail server; these were kept before it was."
          : "SMTP_URL is not set, so e-mails are kept here instead of being sent (development only). Set SMTP_URL to send them."}
      </p>
      {messages.length === 0 ? (
        <p className="empty">
          No e-mails yet. Invite someone from an organisation's Members page and the message appears here.
        </p>
      ) : (
        <ol className="outbox">
          {messages.map((m) => (
            <li key={m.id} className="panel" data-testid="outbox-message">
              <p className="muted small">
                {new Date(m.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                {m.purpose}
              </p>
              <h2>{m.subject}</h2>
              <p>
                To: <strong>{m.to}</strong>
              </p>
              <div className="outbox-text">
                {(m.text ?? "").split("\n").map((line, i) =>
                  LINK.test(line) ? (
                    <p key={i}>
                      <a href={line}>{line}</a>
                    </p>
                  ) : (
                    <p key={i}>{line || "\u00a0"}</p>
                  ),
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
