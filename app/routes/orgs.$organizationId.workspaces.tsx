import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { parseForm, withStrayErrorsAsForm } from "~/http/validation.server";
import styles from "~/orgs/orgs.css?url";
import { OrgHeader } from "~/orgs/ui/OrgHeader";
import { createWorkspace, CreateWorkspaceSchema, listOrganizationWorkspaces } from "~/orgs/workspace-admin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Workspaces · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "read");
  const all = await listOrganizationWorkspaces(organization.id, user.id);
  // Members see the workspaces they are in; owners and admins see them all.
  return { organization, role, workspaces: can(role, "manage") ? all : all.filter((w) => w.yourRole !== null) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const parsed = await parseForm(request, CreateWorkspaceSchema);
  if (!parsed.ok) return data({ fieldErrors: withStrayErrorsAsForm(parsed.fieldErrors, ["name"]) }, { status: 400 });
  const workspace = await createWorkspace(
    { organizationId: organization.id, actor: { id: user.id, role }, name: parsed.data.name },
    auditFrom(request, user),
  );
  return redirect(`/w/${workspace.id}/settings`);
}

export default function Workspaces() {
  const { organization, role, workspaces } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const manage = can(role, "manage");
  const active = workspaces.filter((w) => !w.archived);
  const archived = workspaces.filter((w) => w.archived);
  return (
    <main className="page">
      <OrgHeader organization={organization} role={role} title="Workspaces" />
      {manage ? (
        <section className="panel" aria-labelledby="new-workspace-heading">
          <h2 id="new-workspace-heading">New workspace</h2>
          <Form method="post" className="inline-form" aria-label="Create a workspace">
            <input type="hidden" name="intent" value="create" />
            <label htmlFor="new-workspace-name" className="visually-hidden">
              Workspace name
            </label>
            <input id="new-workspace-name" name="name" placeholder="e.g. Payments platform" maxLength={100} required />
            <button type="submit" className="primary" disabled={busy}>
              Create workspace
            </button>
          </Form>
          {result?.fieldErrors.name || result?.fieldErrors.form ? (
            <p className="field-error" role="alert">
              {result.fieldErrors.name ?? result.fieldErrors.form}
            </p>
          ) : null}
        </section>
      ) : null}
      <WorkspaceTable title="Active" workspaces={active} manage={manage} empty="No workspaces yet." />
      {archived.length > 0 ? (
        <WorkspaceTable title="Archived (read-only)" workspaces={archived} manage={manage} empty="" />
      ) : null}
    </main>
  );
}

function WorkspaceTable({
  title,
  workspaces,
  manage,
  empty,
}: {
  title: string;
  workspaces: {
    id: string;
    name: string;
    people: number;
    documents: number;
    yourRole: string | null;
    teams: string[];
  }[];
  manage: boolean;
  empty: string;
}) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {workspaces.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Workspace</th>
              <th scope="col">People</th>
              <th scope="col">Teams</th>
              <th scope="col">Documents</th>
              <th scope="col">You</th>
              <th scope="col">
                <span className="visually-hidden">Settings</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {workspaces.map((w) => (
              <tr key={w.id} data-testid="workspace-row">
                <td data-label="Workspace">{w.yourRole ? <Link to={`/w/${w.id}`}>{w.name}</Link> : w.name}</td>
                <td data-label="People">{w.people}</td>
                <td data-label="Teams">{w.teams.join(", ") || <span className="muted">none</span>}</td>
                <td data-label="Documents">{w.documents}</td>
                <td data-label="You">
                  {w.yourRole ? (
                    ROLE_LABELS[w.yourRole as keyof typeof ROLE_LABELS]
                  ) : (
                    <span className="muted">not in it</span>
                  )}
                </td>
                <td>{manage ? <Link to={`/w/${w.id}/settings`}>Settings</Link> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
