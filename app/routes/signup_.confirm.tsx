import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { createSession } from "~/auth/session.server";
import { confirmSignup, pendingSignupFor } from "~/auth/signup.server";
import { parseForm } from "~/http/validation.server";

export const meta: MetaFunction = () => [{ title: "Finish signing up · APIMarketplace Pro" }];

/**
 * The link from the sign-up e-mail. Opening it only shows a button: mail scanners follow
 * links, so the account is created by the POST, once.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const pending = await pendingSignupFor(token);
  return { token: pending ? token : null, pending };
}

const ConfirmSchema = z.object({ token: z.string({ error: "The link is incomplete." }).min(1).max(200) });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ConfirmSchema);
  if (!parsed.ok) return data({ error: "This link is not valid. Sign up again to get a new one." }, { status: 400 });
  const result = await confirmSignup(parsed.data.token);
  if (!result.ok) return data({ error: result.message }, { status: result.reason === "taken" ? 409 : 400 });
  return redirect("/workspaces", { headers: { "Set-Cookie": await createSession(result.userId, request) } });
}

export default function ConfirmSignup() {
  const { token, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result?.error || !token || !pending) {
    return (
      <main className="page narrow">
        <h1>This link can't be used</h1>
        <p role="alert">
          {result?.error ?? "This link is not valid, has expired or was already used. Sign up again to get a new one."}
        </p>
        <p>
          <Link to="/signup">Sign up</Link> · <Link to="/login">Log in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Finish creating your account</h1>
      <p>
        {pending.name}, your account will be <strong>{pending.email}</strong>, with an organisation and a workspace of
        your own.
      </p>
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create my account"}
        </button>
      </Form>
    </main>
  );
}
