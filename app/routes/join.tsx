import { retryAfterHeader } from "~/http/responses.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { Field } from "~/components/Field";
import { parseForm } from "~/http/validation.server";
import { joinByCode } from "~/requests/session-codes.server";

export const meta: MetaFunction = () => [{ title: "Join a session · APIMarketplace Pro" }];

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

/** Joining needs an account: signed-out visitors log in first and come back here with the code. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const JoinSchema = z.object({
  code: z
    .string({ error: "Enter the session code." })
    .trim()
    .min(1, "Enter the session code.")
    .max(40, "That is too long for a session code."),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseForm(request, JoinSchema);
  if (!parsed.ok) return data({ error: parsed.fieldErrors.code ?? "Enter the session code." }, { status: 400 });
  const result = await joinByCode(request, user, parsed.data.code);
  if (!result.ok) {
    return data(
      { error: result.message },
      { status: result.status, headers: result.resetAt ? retryAfterHeader(result.resetAt) : undefined },
    );
  }
  return redirect(`/w/${result.workspaceId}/d/${result.documentId}`);
}

export default function Join() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <main className="page narrow">
      <h1>Join a testing session</h1>
      <p className="muted">
        Enter the code a teammate shared with you. If you are not in their workspace, you join this one session as a
        guest.
      </p>
      <Form method="post" className="stack">
        <Field
          label="Session code"
          name="code"
          defaultValue={params.get("code") ?? ""}
          placeholder="7KQ4-M9XD-2HPC"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          error={result?.error}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Joining…" : "Join session"}
        </button>
      </Form>
    </main>
  );
}
