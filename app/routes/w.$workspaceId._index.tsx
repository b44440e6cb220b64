import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { parseForm } from "~/http/validation.server";
import { CreateDocumentSchema, createDocument, KIND_LIST } from "~/kinds/documents.server";
import { parseDocumentFilters, searchDocuments } from "~/workspaces/document-admin.server";
import { DocumentActions } from "~/workspaces/ui/DocumentActions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.workspace.name ?? "Workspace"} · APIMarketplace Pro` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const filters = parseDocumentFilters(new URL(request.url));
  return { workspace, role, kinds: KIND_LIST, filters, ...(await searchDocuments(workspace.id, filters)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.workspaceId, "write");
  const parsed = await parseForm(request, CreateDocumentSchema);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const document = await createDocument({ workspaceId: workspace.id, createdById: user.id, ...parsed.data });
  return redirect(`/w/${workspace.id}/d/${document.id}`);
}

export default function WorkspaceHome() {
  const { workspace, role, kinds, documents, filters, creators, archivedCount } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const filtered = filters.q !== "" || filters.kind !== "" || filters.creator !== "";
  const shownKinds = filters.kind ? kinds.filter((k) => k.kind === filters.kind) : kinds;
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
        <Link to={`/orgs/${workspace.organizationId}`}>{workspace.organizationName}</Link>
        {can(role, "manage") ? <Link to={`/w/${workspace.id}/settings`}>Settings and people</Link> : null}
        {can(role, "manage") ? (
          <>
            <Link to={`/orgs/${workspace.organizationId}/ingestion-tokens`}>Usage ingestion tokens</Link>
            <Link to={`/orgs/${workspace.organizationId}/webhooks`}>Webhooks</Link>
            <Link to={`/orgs/${workspace.organizationId}/billing`}>Billing</Link>
            <Link to={`/orgs/${workspace.organizationId}/sso`}>Single sign-on</Link>
          </>
        ) : null}
      </nav>

      {workspace.archived ? (
        <p className="callout" data-testid="archived-banner">
          This workspace is archived: its documents can be opened but not changed.
          {can(role, "manage") ? " Restore it from its settings to work in it again." : ""}
        </p>
      ) : canWrite ? (
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

      <Form
        method="get"
        className="document-filters"
        role="search"
        aria-label="Find documents"
        onChange={(e) => {
          // Selects apply at once; the search box applies on Enter or with the button.
          if ((e.target as HTMLElement).tagName === "SELECT") submit(e.currentTarget, { replace: true });
        }}
      >
        {/* Labels beside, not around, the fields: an option's words stay out of the field's name. */}
        <div className="field">
          <label htmlFor="filter-q">Search documents</label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            maxLength={120}
            placeholder="e.g. Stripe"
          />
        </div>
        <div className="field">
          <label htmlFor="filter-kind">Kind</label>
          <select id="filter-kind" name="kind" defaultValue={filters.kind}>
            <option value="">All kinds</option>
            {kinds.map(({ kind, plural }) => (
              <option key={kind} value={kind}>
                {plural}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-creator">Created by</label>
          <select id="filter-creator" name="creator" defaultValue={filters.creator}>
            <option value="">Anyone</option>
            {creators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-archived">Show</label>
          <select id="filter-archived" name="archived" defaultValue={filters.archived ? "1" : "0"}>
            <option value="0">Active</option>
            <option value="1">Archived ({archivedCount})</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort}>
            <option value="updated">Last changed</option>
            <option value="created">Most recently created</option>
            <option value="title">Title A–Z</option>
          </select>
        </div>
        <button type="submit">Search</button>
        {filtered || filters.archived ? <Link to=".">Clear</Link> : null}
      </Form>
      {filters.archived ? (
        <p className="muted" data-testid="archived-view">
          Archived documents are read-only for everyone. Restore one to work on it again.
        </p>
      ) : null}
      {(filtered || filters.archived) && documents.length === 0 ? (
        <p className="empty" data-testid="no-match">
          {filters.archived && !filtered ? "Nothing is archived here." : "No documents match these filters."}{" "}
          <Link to=".">Show every active document</Link>.
        </p>
      ) : null}

      <div className="kind-columns">
        {shownKinds.map(({ kind, plural, blurb, icon }) => {
          const ofKind = documents.filter((d) => d.kind === kind);
          return (
            <section key={kind} aria-labelledby={`kind-${kind}`} className="kind-column">
              <h2 id={`kind-${kind}`}>
                <span aria-hidden>{icon}</span> {plural}
              </h2>
              {ofKind.length === 0 && (filtered || filters.archived) ? (
                <p className="empty">Nothing here matches.</p>
              ) : ofKind.length === 0 ? (
                <p className="empty">
                  None yet. {blurb}
                  {canWrite ? " Create one above." : ""}
                </p>
              ) : (
                <ul className="document-list">
                  {ofKind.map((d) => (
                    <li key={d.id} data-testid="document-row">
                      <div>
                        <Link to={`/w/${workspace.id}/d/${d.id}`}>{d.title}</Link>
                        <span className="muted small">
                          {" "}
                          · {d.createdBy?.name ?? "someone"} · {filters.sort === "created" ? "created" : "changed"}{" "}
                          {shortDate(filters.sort === "created" ? d.createdAt : d.updatedAt)}
                        </span>
                      </div>
                      {canWrite && !workspace.archived ? (
                        <DocumentActions
                          action={`/w/${workspace.id}/d/${d.id}/manage`}
                          title={d.title}
                          archived={d.archivedAt !== null}
                          canDelete={can(role, "manage")}
                        />
                      ) : null}
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

const shortDate = (when: Date | string) =>
  new Date(when).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
