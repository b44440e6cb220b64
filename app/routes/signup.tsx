import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { SignupSchema } from "~/auth/account-schemas.server";
import { signUp } from "~/auth/accounts.server";
import { createSession, getSessionUser } from "~/auth/session.server";
import { Field } from "~/components/Field";
import { parseForm } from "~/http/validation.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Sign up · APIMarketplace Pro" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/workspaces");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, SignupSchema);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  // Account creation costs a password hash and rows: cap it per client address.
  const limit = await consumeRateLimit(`signup:${clientAddress(request)}`, { limit: 20, windowSeconds: 3600 });
  if (!limit.allowed) {
    return data({ fieldErrors: { form: "Too many new accounts from here. Try again in an hour." } }, { status: 429 });
  }
  const result = await signUp(parsed.data);
  if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: 400 });
  return redirect("/workspaces", { headers: { "Set-Cookie": await createSession(result.user.id, request) } });
}

export default function Signup() {
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <main className="page narrow">
      <h1>Create your account</h1>
      <p className="muted">You get your own organisation and workspace; invite your team later.</p>
      <Form method="post" className="stack" noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
