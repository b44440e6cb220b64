import { retryAfterHeader } from "~/http/responses.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { LoginSchema } from "~/auth/account-schemas.server";
import { verifyLogin } from "~/auth/accounts.server";
import { githubLoginEnabled } from "~/auth/github.server";
import { checkLoginRateLimit, forgiveLoginAttempt } from "~/auth/login-limits.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { createSession, getSessionUser } from "~/auth/session.server";
import { Field } from "~/components/Field";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { env } from "~/config/env.server";
import { Email, parseFields, readForm } from "~/http/validation.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { connectionForEmail, emailDomain, ssoRequiredMessage, ssoRequirementFor } from "~/sso/requirement.server";
import { startSsoLogin } from "~/sso/sign-in.server";
import { DEMO_USERS } from "../../prisma/demo/users";

export const meta: MetaFunction = () => [{ title: "Log in · APIMarketplace Pro" }];

// Document (no-JS) posts get the action's headers too, e.g. Retry-After on a 429.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/workspaces");
  return {
    github: githubLoginEnabled(),
    demoUsers: env().SHOW_DEMO_CREDENTIALS
      ? DEMO_USERS.map(({ email, password, name }) => ({ email, password, name }))
      : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/workspaces");
  const form = await readForm(request);
  if (!form.ok) return data({ fieldErrors: { form: form.message } }, { status: 400 });
  if (form.values.intent === "sso") return startSingleSignOn(request, form.values, redirectTo);
  const parsed = parseFields(LoginSchema, form.values);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const attemptedAt = new Date();
  const limited = await checkLoginRateLimit(request, parsed.data.email, attemptedAt);
  if (limited) {
    return data(
      { fieldErrors: { form: limited.message } },
      { status: 429, headers: retryAfterHeader(limited.resetAt) },
    );
  }
  const required = await ssoRequirementFor(parsed.data.email);
  if (required) return data({ fieldErrors: { form: ssoRequiredMessage(required) } }, { status: 400 });
  const user = await verifyLogin(parsed.data.email, parsed.data.password);
  if (!user) return data({ fieldErrors: { form: "That email and password don't match an account." } }, { status: 400 });
  await forgiveLoginAttempt(request, parsed.data.email, attemptedAt);
  return redirect(redirectTo, { headers: { "Set-Cookie": await createSession(user.id, request) } });
}

const SsoStartSchema = z.object({ email: Email });

/** "Log in with single sign-on": the address's verified domain names the organisation and its provider. */
async function startSingleSignOn(request: Request, form: Record<string, unknown>, redirectTo: string) {
  const parsed = parseFields(SsoStartSchema, form);
  if (!parsed.ok) return data({ fieldErrors: { ssoEmail: parsed.fieldErrors.email } }, { status: 400 });
  const limited = await consumeRateLimit(`sso-start:${clientAddress(request)}`, { limit: 30, windowSeconds: 60 });
  if (!limited.allowed)
    return data(
      { fieldErrors: { ssoEmail: "Too many sign-in attempts. Wait a minute and try again." } },
      { status: 429 },
    );
  const connectionId = await connectionForEmail(parsed.data.email);
  if (!connectionId)
    return data(
      {
        fieldErrors: {
          ssoEmail: `No organisation has set up single sign-on for ${emailDomain(parsed.data.email)}. Log in with your password instead.`,
        },
      },
      { status: 400 },
    );
  const started = await startSsoLogin(request, connectionId, redirectTo);
  if (!started.ok) return data({ fieldErrors: { ssoEmail: started.message } }, { status: 502 });
  return redirect(started.url, { headers: { "Set-Cookie": started.setCookie } });
}

export default function Login() {
  const { github, demoUsers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <main className="page narrow">
      <h1>Log in</h1>
      <Form method="post" className="stack" noValidate>
        <FormErrorSummary errors={errors} shown={["email", "password"]} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </Form>
      <section className="sso-login" aria-labelledby="sso-heading">
        <h2 id="sso-heading">Log in with single sign-on</h2>
        <p className="muted">If your organisation signs in through its identity provider (Okta, Entra ID, Google…).</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="sso" />
          <Field
            label="Work e-mail address"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={errors.ssoEmail}
          />
          <button type="submit" disabled={busy}>
            Continue with single sign-on
          </button>
        </Form>
      </section>
      {github ? (
        <p>
          <a
            className="button"
            href={`/auth/github?${new URLSearchParams({ redirectTo: params.get("redirectTo") ?? "/workspaces" })}`}
          >
            Log in with GitHub
          </a>
        </p>
      ) : null}
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
      {demoUsers.length ? (
        <aside className="callout" aria-label="Demo accounts">
          <h2>Demo accounts (development only)</h2>
          <ul>
            {demoUsers.map((u) => (
              <li key={u.email}>
                {u.name}: <code>{u.email}</code> / <code>{u.password}</code>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </main>
  );
}
