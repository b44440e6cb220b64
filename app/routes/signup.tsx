import { retryAfterHeader } from "~/http/responses.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SignupSchema } from "~/auth/account-schemas.server";
import { getSessionUser } from "~/auth/session.server";
import { requestSignup, signupAvailable } from "~/auth/signup.server";
import { Field } from "~/components/Field";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { parseForm } from "~/http/validation.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { ssoRequirementFor, ssoRequiredMessage } from "~/sso/requirement.server";

export const meta: MetaFunction = () => [{ title: "Sign up · APIMarketplace Pro" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/workspaces");
  return { available: signupAvailable() };
}

/**
 * Always the same answer for a valid form, whether or not the address has an account:
 * "check your inbox" (app/auth/signup.server.ts). The account exists once its link is used.
 */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, SignupSchema);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, sent: null }, { status: 400 });
  // Said first: it tells people what to do instead, whatever else would stop this sign-up.
  const required = await ssoRequirementFor(parsed.data.email);
  if (required) return data({ fieldErrors: { email: ssoRequiredMessage(required) }, sent: null }, { status: 400 });
  if (!signupAvailable())
    return data(
      { fieldErrors: { form: UNAVAILABLE }, sent: null },
      { status: 503, headers: { "Retry-After": "3600" } },
    );
  // Each sign-up costs a password hash and an e-mail: cap it per client address.
  const limit = await consumeRateLimit(`signup:${clientAddress(request)}`, { limit: 20, windowSeconds: 3600 });
  if (!limit.allowed) {
    return data(
      { fieldErrors: { form: "Too many sign-ups from here. Try again in an hour." }, sent: null },
      { status: 429, headers: retryAfterHeader(limit.resetAt) },
    );
  }
  const result = await requestSignup(parsed.data, new URL(request.url).origin);
  if (!result.ok)
    return data(
      { fieldErrors: { form: result.message }, sent: null },
      { status: 503, headers: { "Retry-After": "300" } },
    );
  return data({ fieldErrors: {} as Record<string, string>, sent: result.sent });
}

const UNAVAILABLE =
  "New accounts are confirmed by e-mail, and this server has no e-mail set up. Ask your administrator for an invitation.";

export default function Signup() {
  const { available } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  if (result?.sent) {
    return (
      <main className="page narrow">
        <h1>Check your inbox</h1>
        <p role="status" data-testid="signup-sent">
          We sent a message to <strong>{result.sent.email}</strong>. Open the link in it to finish creating your
          account. If this address already has an account, the message says so: log in instead.
        </p>
        {result.sent.devLink ? (
          <aside className="callout" aria-label="Development sign-up link">
            <h2>Development: no e-mail is set up</h2>
            <p>
              <a href={result.sent.devLink} data-testid="dev-signup-link">
                Finish creating the account
              </a>{" "}
              (shown here because SMTP_URL is not set on this development server).
            </p>
          </aside>
        ) : null}
        <p className="muted">
          Nothing arrived after a few minutes? Check the address and your spam folder, or{" "}
          <Link to="/signup">sign up again</Link>.
        </p>
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Create your account</h1>
      <p className="muted">You get your own organisation and workspace; invite your team later.</p>
      {!available ? (
        <p className="callout" role="alert">
          {UNAVAILABLE}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormErrorSummary errors={errors} shown={["name", "email", "password"]} />
        <Field label="Name" name="name" autoComplete="name" required error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label="Password (at least 10 characters)"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <button type="submit" className="primary" disabled={busy || !available}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
