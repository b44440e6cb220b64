import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { parseForm } from "~/http/validation.server";
import { listMembers } from "~/orgs/members.server";
import styles from "~/orgs/orgs.css?url";
import { changeTeam, listTeams, TeamIntentSchema } from "~/orgs/teams.server";
import { OrgHeader } from "~/orgs/ui/OrgHeader";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Teams · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "read");
  const [teams, members] = await Promise.all([listTeams(organization.id), listMembers(organization.id)]);
  return {
    organization,
    role,
    me: user.id,
    teams,
    people: members.map((m) => ({ id: m.id, name: m.name, email: m.email })),
  };
}

type ActionResult = { ok: boolean; message?: string; teamId?: string; fieldErrors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "read");
  const parsed = await parseForm(request, TeamIntentSchema);
  if (!parsed.ok) {
    const { intent, form, ...fields } = parsed.fieldErrors;
    return data<ActionResult>(
      { ok: false, message: intent ?? form ?? Object.values(fields)[0], teamId: undefined, fieldErrors: fields },
      { status: 400 },
    );
  }
  const teamId = "teamId" in parsed.data ? parsed.data.teamId : undefined;
  const result = await changeTeam(organization.id, { ...user, role }, parsed.data, auditFrom(request, user));
  if (!result.ok)
    return data<ActionResult>(
      { ok: false, message: result.message, teamId, fieldErrors: {} },
      { status: result.status },
    );
  return { ok: true, message: "Saved.", teamId: teamId ?? result.teamId, fieldErrors: {} } satisfies ActionResult;
}

export default function Teams() {
  const { organization, role, me, teams, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const manage = can(role, "manage");
  const feedback = (teamId?: string) =>
    result?.message && result.teamId === teamId ? (
      <p className={result.ok ? "notice-ok small" : "form-error"} role={result.ok ? "status" : "alert"}>
        {result.message}
      </p>
    ) : null;

  return (
    <main className="page">
      <OrgHeader organization={organization} role={role} title="Teams">
        <p className="muted">
          A team groups people: give it a workspace and everyone in it gets that workspace. Its lead can add and remove
          its members.
        </p>
      </OrgHeader>

      {manage ? (
        <section className="panel" aria-labelledby="new-team-heading">
          <h2 id="new-team-heading">New team</h2>
          <Form method="post" className="inline-form" aria-label="Create a team">
            <input type="hidden" name="intent" value="create" />
            <label htmlFor="new-team-name" className="visually-hidden">
              Team name
            </label>
            <input id="new-team-name" name="name" placeholder="e.g. Payments" maxLength={80} required />
            <button type="submit" className="primary" disabled={busy}>
              Create team
            </button>
          </Form>
          {feedback(undefined)}
        </section>
      ) : null}

      {teams.length === 0 ? (
        <p className="empty">
          No teams yet.{" "}
          {manage ? "Create one above, then add people and give it workspaces." : "Owners and admins create teams."}
        </p>
      ) : (
        teams.map((team) => {
          const canEditMembers = manage || team.leadId === me;
          const outside = people.filter((p) => !team.members.some((m) => m.id === p.id));
          return (
            <section
              key={team.id}
              className="panel team-card"
              aria-labelledby={`team-${team.id}`}
              data-testid="team-card"
            >
              <h3 id={`team-${team.id}`}>{team.name}</h3>
              <p className="muted small">
                {team.members.length} {team.members.length === 1 ? "member" : "members"} · lead:{" "}
                {team.leadName ?? "none"} · workspaces:{" "}
                {team.workspaces.length === 0
                  ? "none"
                  : team.workspaces.map((w, i) => (
                      <span key={w.id}>
                        {i > 0 ? ", " : ""}
                        <Link to={`/w/${w.id}`}>{w.name}</Link> ({ROLE_LABELS[w.role].toLowerCase()})
                      </span>
                    ))}
              </p>
              {feedback(team.id)}
              {team.members.length === 0 ? (
                <p className="empty">Nobody in this team yet.</p>
              ) : (
                <ul className="stack" aria-label={`Members of ${team.name}`}>
                  {team.members.map((m) => (
                    <li key={m.id} className="inline-form">
                      <span>
                        {m.name} <span className="muted small">{m.email}</span>
                        {team.leadId === m.id ? <span className="badge">lead</span> : null}
                      </span>
                      {canEditMembers ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-member" />
                          <input type="hidden" name="teamId" value={team.id} />
                          <input type="hidden" name="userId" value={m.id} />
                          <button type="submit" className="danger" aria-label={`Remove ${m.name} from ${team.name}`}>
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {canEditMembers && outside.length > 0 ? (
                <Form method="post" className="inline-form" aria-label={`Add someone to ${team.name}`}>
                  <input type="hidden" name="intent" value="add-member" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <select name="userId" aria-label={`Person to add to ${team.name}`} defaultValue="">
                    <option value="" disabled>
                      Choose someone…
                    </option>
                    {outside.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({p.email})
                      </option>
                    ))}
                  </select>
                  <button type="submit">Add to team</button>
                </Form>
              ) : null}
              {manage ? (
                <details>
                  <summary>Rename, lead, delete</summary>
                  <div className="stack">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="teamId" value={team.id} />
                      <input
                        name="name"
                        defaultValue={team.name}
                        maxLength={80}
                        aria-label={`New name for ${team.name}`}
                        required
                      />
                      <button type="submit">Rename</button>
                    </Form>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="set-lead" />
                      <input type="hidden" name="teamId" value={team.id} />
                      <select name="userId" defaultValue={team.leadId ?? ""} aria-label={`Lead of ${team.name}`}>
                        <option value="">No lead</option>
                        {team.members.map((m) => (
                          <option key={m.id} value={m.id}>
                            {m.name}
                          </option>
                        ))}
                      </select>
                      <button type="submit">Set lead</button>
                    </Form>
                    <Form
                      method="post"
                      onSubmit={(e) =>
                        !confirm(`Delete ${team.name}? Its members lose the workspaces they had only through it.`) &&
                        e.preventDefault()
                      }
                    >
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="teamId" value={team.id} />
                      <button type="submit" className="danger">
                        Delete team
                      </button>
                    </Form>
                  </div>
                </details>
              ) : null}
            </section>
          );
        })
      )}
    </main>
  );
}
