import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { parseForm } from "~/http/validation.server";
import { CreateDocumentSchema, createDocument, KIND_LIST } from "~/kinds/documents.server";
import { listDocuments } from "~/workspaces/documents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.workspace.name ?? "Workspace"} · APIMarketplace Pro` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  return { workspace, role, kinds: KIND_LIST, documents: await listDocuments(workspace.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.workspaceId, "write");
  const parsed = await parseForm(request, CreateDocumentSchema);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const document = await createDocument({ workspaceId: workspace.id, createdById: user.id, ...parsed.data });
  return redirect(`/w/${workspace.id}/d/${document.id}`);
}

export default function WorkspaceHome() {
  const { workspace, role, kinds, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const canWrite = can(role, "write");
  return (
    <main className="page">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / {workspace.organizationName}
      </p>
      <h1>{workspace.name}</h1>
      <p className="muted">You are {ROLE_LABELS[role].toLowerCase()} here.</p>
      <nav aria-label="Workspace tools" className="workspace-tools">
        <Link to={`/w/${workspace.id}/scans`}>Codebase analytics</Link>
        <Link to={`/w/${workspace.id}/snippets`}>Snippets</Link>
        <Link to={`/orgs/${workspace.organizationId}/budgets`}>Budgets</Link>
        <Link to={`/orgs/${workspace.organizationId}/intelligence`}>Cost intelligence</Link>
        {can(role, "manage") ? (
          <>
            <Link to={`/orgs/${workspace.organizationId}/ingestion-tokens`}>Usage ingestion tokens</Link>
            <Link to={`/orgs/${workspace.organizationId}/webhooks`}>Webhooks</Link>
            <Link to={`/orgs/${workspace.organizationId}/billing`}>Billing</Link>
            <Link to={`/orgs/${workspace.organizationId}/sso`}>Single sign-on</Link>
          </>
        ) : null}
      </nav>

      {canWrite ? (
        <Form method="post" className="create-document" aria-label="Create a document">
          <label>
            New
            <select name="kind" defaultValue="REQUEST">
              {kinds.map(({ kind, label }) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Title
            <input name="title" placeholder="e.g. Charge a card with Stripe" maxLength={120} required />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Creating…" : "Create"}
          </button>
          <FormErrorSummary errors={errors} />
        </Form>
      ) : (
        <p className="callout">Viewers can open and follow documents but not create them.</p>
      )}

      <div className="kind-columns">
        {kinds.map(({ kind, plural, blurb, icon }) => {
          const ofKind = documents.filter((d) => d.kind === kind);
          return (
            <section key={kind} aria-labelledby={`kind-${kind}`} className="kind-column">
              <h2 id={`kind-${kind}`}>
                <span aria-hidden>{icon}</span> {plural}
              </h2>
              {ofKind.length === 0 ? (
                <p className="empty">
                  None yet. {blurb}
                  {canWrite ? " Create one above." : ""}
                </p>
              ) : (
                <ul className="document-list">
                  {ofKind.map((d) => (
                    <li key={d.id}>
                      <Link to={`/w/${workspace.id}/d/${d.id}`}>{d.title}</Link>
                      <span className="muted"> · {d.createdBy?.name ?? "someone"}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </main>
  );
}
