import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requestOrigin } from "~/audit/audit.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { createSession, getSessionUser } from "~/auth/session.server";
import { Field } from "~/components/Field";
import { parseForm } from "~/http/validation.server";
import { acceptAsNewAccount, acceptAsUser, invitationByToken, InviteSignupSchema } from "~/orgs/invitations.server";
import styles from "~/orgs/orgs.css?url";
import { ROLE_DESCRIPTIONS } from "~/orgs/roles";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Invitation · APIMarketplace Pro" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const CLOSED: Record<"used" | "revoked" | "expired", { title: string; text: (org: string) => string }> = {
  used: {
    title: "This invitation was already used",
    text: (org) =>
      `Each invitation link works once. If you joined ${org} with it, log in; otherwise ask for a new invitation.`,
  },
  revoked: {
    title: "This invitation was withdrawn",
    text: (org) => `Someone at ${org} revoked it. Ask them for a new one if you still need access.`,
  },
  expired: {
    title: "This invitation has expired",
    text: (org) =>
      `Invitations work for 7 days. Ask someone at ${org} to send it again: the new e-mail has a fresh link.`,
  },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await invitationByToken(params.token ?? "");
  const user = await getSessionUser(request);
  if (view.state === "unknown") {
    throw data(
      { error: "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation." },
      { status: 404 },
    );
  }
  if (view.state !== "open")
    return data({ closed: view.state, organizationName: view.organizationName }, { status: 410 });
  return {
    closed: null,
    organizationName: view.organizationName,
    inviterName: view.inviterName,
    email: view.email,
    role: view.role,
    expiresAt: view.expiresAt.toISOString(),
    hasAccount: view.hasAccount,
    signedInAs: user ? user.email : null,
    loginUrl: `/login?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`,
  };
}

const Intent = z.discriminatedUnion("intent", [z.object({ intent: z.literal("accept") }), InviteSignupSchema], {
  error: "Choose to accept the invitation.",
});

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // Accepting costs a password hash or a few writes; links are 256-bit, but guessing still costs us.
  const limit = await consumeRateLimit(`invite:${clientAddress(request)}`, { limit: 30, windowSeconds: 600 });
  if (!limit.allowed)
    return data({ fieldErrors: { form: "Too many attempts from here. Try again in ten minutes." } }, { status: 429 });
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const origin = requestOrigin(request);

  if (parsed.data.intent === "accept") {
    const user = await getSessionUser(request);
    if (!user) return data({ fieldErrors: { form: "Log in first, then accept the invitation." } }, { status: 401 });
    const result = await acceptAsUser(token, user, origin);
    if (!result.ok) return data({ fieldErrors: { form: result.message } }, { status: result.status });
    return redirect(result.workspaceId ? `/w/${result.workspaceId}` : `/orgs/${result.organizationId}`);
  }

  if (await getSessionUser(request))
    return data({ fieldErrors: { form: "You are logged in: log out to create a new account." } }, { status: 409 });
  const result = await acceptAsNewAccount(token, parsed.data, origin);
  if (!result.ok) return data({ fieldErrors: { form: result.message } }, { status: result.status });
  const cookie = await createSession(result.userId!, request);
  return redirect(result.workspaceId ? `/w/${result.workspaceId}` : `/orgs/${result.organizationId}`, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function Invitation() {
  const invitation = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";

  if (invitation.closed) {
    const copy = CLOSED[invitation.closed];
    return (
      <main className="page narrow invite-page">
        <h1>{copy.title}</h1>
        <p role="alert">{copy.text(invitation.organizationName)}</p>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </main>
    );
  }

  const { organizationName, inviterName, email, role, signedInAs, hasAccount, loginUrl } = invitation;
  return (
    <main className="page narrow invite-page">
      <h1>Join {organizationName}</h1>
      <p>
        {inviterName} invited <strong>{email}</strong> to {organizationName} as{" "}
        <span className="role">{ROLE_LABELS[role].toLowerCase()}</span> ({ROLE_DESCRIPTIONS[role].toLowerCase()}).
      </p>
      <p className="muted small">
        The link works once, until{" "}
        {new Date(invitation.expiresAt).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}
        .
      </p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}

      {signedInAs === email ? (
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Joining…" : `Join ${organizationName}`}
          </button>
        </Form>
      ) : signedInAs ? (
        <div className="notice-warn">
          <p>
            You are logged in as <strong>{signedInAs}</strong>, but this invitation is for <strong>{email}</strong>.
          </p>
          <Form method="post" action="/logout">
            <button type="submit">Log out, then open the link again</button>
          </Form>
        </div>
      ) : hasAccount ? (
        <p>
          <Link className="button" to={loginUrl}>
            Log in as {email} to accept
          </Link>
        </p>
      ) : (
        <Form method="post" className="stack" noValidate aria-label="Create your account">
          <input type="hidden" name="intent" value="signup" />
          <p>Create your account to join:</p>
          <Field label="Email" name="email-shown" type="email" value={email} readOnly disabled />
          <Field label="Your name" name="name" autoComplete="name" required error={errors.name} />
          <Field
            label="Password (at least 10 characters)"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={errors.password}
          />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Joining…" : `Create account and join ${organizationName}`}
          </button>
        </Form>
      )}
    </main>
  );
}
