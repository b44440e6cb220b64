import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { auditFrom } from "~/audit/audit.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { parseForm } from "~/http/validation.server";
import { listMembers } from "~/orgs/members.server";
import styles from "~/orgs/orgs.css?url";
import { ROLES } from "~/orgs/roles";
import { listTeams } from "~/orgs/teams.server";
import {
  changeWorkspace,
  requireWorkspaceSettings,
  workspaceAccessList,
  WorkspaceSettingsSchema,
} from "~/orgs/workspace-admin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Settings · ${data?.workspace.name ?? "Workspace"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceSettings(request, params.workspaceId);
  const [access, members, teams] = await Promise.all([
    workspaceAccessList(workspace.id),
    listMembers(workspace.organizationId),
    listTeams(workspace.organizationId),
  ]);
  return {
    workspace: { ...workspace, archivedAt: workspace.archivedAt?.toISOString() ?? null },
    access,
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.members.length })),
  };
}

type ActionResult = { ok: boolean; message?: string; fieldErrors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, workspace } = await requireWorkspaceSettings(request, params.workspaceId);
  const parsed = await parseForm(request, WorkspaceSettingsSchema);
  if (!parsed.ok) {
    const { intent, form, ...fields } = parsed.fieldErrors;
    return data<ActionResult>(
      { ok: false, message: intent ?? form ?? Object.values(fields)[0], fieldErrors: fields },
      { status: 400 },
    );
  }
  const result = await changeWorkspace(workspace, parsed.data, auditFrom(request, user));
  if (!result.ok)
    return data<ActionResult>({ ok: false, message: result.message, fieldErrors: {} }, { status: result.status });
  return { ok: true, message: "Saved.", fieldErrors: {} } satisfies ActionResult;
}

export default function WorkspaceSettings() {
  const { workspace, access, members, teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const archived = workspace.archivedAt !== null;
  const peopleOutside = members.filter((m) => !access.people.some((p) => p.id === m.id && p.source === "PERSON"));
  const teamsOutside = teams.filter((t) => !access.teams.some((a) => a.id === t.id));
  const roleOptions = ROLES.map((r) => (
    <option key={r} value={r}>
      {ROLE_LABELS[r]}
    </option>
  ));

  return (
    <main className="page">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> /{" "}
        <Link to={`/orgs/${workspace.organizationId}/workspaces`}>{workspace.organizationName}</Link> / {workspace.name}
      </p>
      <h1>Settings of {workspace.name}</h1>
      <p>
        <Link to={`/w/${workspace.id}`}>Open the workspace</Link>
      </p>
      {archived ? (
        <p className="notice-warn" data-testid="archived-banner">
          Archived: everyone can still open its documents, but nobody can change them. Restore it to make it editable.
        </p>
      ) : null}
      {result?.message ? (
        <p className={result.ok ? "notice-ok" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="ws-name-heading">
        <h2 id="ws-name-heading">Name and status</h2>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="rename" />
          <label htmlFor="ws-name" className="visually-hidden">
            Workspace name
          </label>
          <input id="ws-name" name="name" defaultValue={workspace.name} maxLength={100} required />
          <button type="submit" disabled={busy}>
            Rename
          </button>
        </Form>
        <Form
          method="post"
          onSubmit={(e) =>
            !archived &&
            !confirm(`Archive ${workspace.name}? Its documents become read-only for everyone until it is restored.`) &&
            e.preventDefault()
          }
        >
          <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
          <p>
            <button type="submit" className={archived ? "primary" : "danger"}>
              {archived ? "Restore workspace" : "Archive workspace"}
            </button>
          </p>
        </Form>
      </section>

      <section className="panel" aria-labelledby="ws-teams-heading">
        <h2 id="ws-teams-heading">Teams</h2>
        <p className="muted small">
          Everyone in a team gets its role here (never more than their role in the organisation).
        </p>
        {access.teams.length === 0 ? (
          <p className="empty">No team has this workspace.</p>
        ) : (
          <ul className="stack">
            {access.teams.map((t) => (
              <li key={t.id} className="inline-form" data-testid="workspace-team">
                <strong>{t.name}</strong> <span className="muted small">({t.members} people)</span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="change-team" />
                  <input type="hidden" name="teamId" value={t.id} />
                  <select name="role" defaultValue={t.role} aria-label={`Role of ${t.name} here`}>
                    {roleOptions}
                  </select>
                  <button type="submit">Change</button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-team" />
                  <input type="hidden" name="teamId" value={t.id} />
                  <button type="submit" className="danger" aria-label={`Remove ${t.name} from this workspace`}>
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {teamsOutside.length > 0 ? (
          <Form method="post" className="inline-form" aria-label="Give a team this workspace">
            <input type="hidden" name="intent" value="add-team" />
            <select name="teamId" aria-label="Team" defaultValue="">
              <option value="" disabled>
                Choose a team…
              </option>
              {teamsOutside.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <select name="role" aria-label="Their role here" defaultValue="MEMBER">
              {roleOptions}
            </select>
            <button type="submit">Add team</button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="ws-people-heading">
        <h2 id="ws-people-heading">People ({access.people.length})</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role here</th>
              <th scope="col">Through</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {access.people.map((p) => (
              <tr key={p.id} data-testid="workspace-person" data-email={p.email}>
                <td data-label="Name">
                  {p.name}
                  <br />
                  <span className="muted small">{p.email}</span>
                </td>
                <td data-label="Role here">
                  {p.source === "PERSON" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="change-person" />
                      <input type="hidden" name="userId" value={p.id} />
                      <select name="role" defaultValue={p.role} aria-label={`Role of ${p.name} here`}>
                        {roleOptions}
                      </select>
                      <button type="submit">Change</button>
                    </Form>
                  ) : (
                    ROLE_LABELS[p.role]
                  )}
                </td>
                <td data-label="Through">{p.source === "PERSON" ? "added by name" : "a team"}</td>
                <td>
                  {p.source === "PERSON" ? (
                    <Form
                      method="post"
                      onSubmit={(e) => !confirm(`Remove ${p.name} from ${workspace.name}?`) && e.preventDefault()}
                    >
                      <input type="hidden" name="intent" value="remove-person" />
                      <input type="hidden" name="userId" value={p.id} />
                      <button type="submit" className="danger" aria-label={`Remove ${p.name} from this workspace`}>
                        Remove
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {peopleOutside.length > 0 ? (
          <Form method="post" className="inline-form" aria-label="Add a person">
            <input type="hidden" name="intent" value="add-person" />
            <select name="userId" aria-label="Person" defaultValue="">
              <option value="" disabled>
                Add someone by name…
              </option>
              {peopleOutside.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.email}, {ROLE_LABELS[m.role].toLowerCase()})
                </option>
              ))}
            </select>
            <select name="role" aria-label="Their role here" defaultValue="MEMBER">
              {roleOptions}
            </select>
            <button type="submit">Add person</button>
          </Form>
        ) : null}
      </section>
    </main>
  );
}
