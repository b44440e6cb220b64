import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { listOrganizationsOf } from "~/orgs/organization.server";
import { listWorkspacesOf } from "~/workspaces/workspaces.server";

export const meta: MetaFunction = () => [{ title: "Your workspaces · APIMarketplace Pro" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [workspaces, organizations] = await Promise.all([listWorkspacesOf(user.id), listOrganizationsOf(user.id)]);
  return { workspaces, organizations };
}

export default function Workspaces() {
  const { workspaces, organizations } = useLoaderData<typeof loader>();
  const active = workspaces.filter((w) => !w.archived);
  const archived = workspaces.filter((w) => w.archived);
  return (
    <main className="page">
      <h1>Your workspaces</h1>
      {active.length === 0 ? (
        <p className="empty">
          You are not in any workspace yet. Ask an admin of your organisation to add you to one, or to one of its teams.
        </p>
      ) : (
        <WorkspaceCards workspaces={active} />
      )}
      {archived.length > 0 ? (
        <details>
          <summary>Archived workspaces ({archived.length})</summary>
          <WorkspaceCards workspaces={archived} />
        </details>
      ) : null}
      {organizations.length > 0 ? (
        <nav aria-label="Your organisations" className="workspace-tools">
          {organizations.map((o) => (
            <Link key={o.id} to={`/orgs/${o.id}`}>
              {o.name}: {ROLE_LABELS[o.role].toLowerCase()} · members, teams and workspaces
            </Link>
          ))}
        </nav>
      ) : null}
    </main>
  );
}

function WorkspaceCards({ workspaces }: { workspaces: ReturnType<typeof useLoaderData<typeof loader>>["workspaces"] }) {
  return (
    <ul className="cards">
      {workspaces.map((w) => (
        <li key={w.id} className="card">
          <Link to={`/w/${w.id}`} className="card-title">
            {w.name}
          </Link>
          <p className="muted">
            {w.organizationName} · {w.tier.toLowerCase()} · you are {ROLE_LABELS[w.role].toLowerCase()}
          </p>
          <p className="muted">
            {w.documentCount} documents · {w.memberCount} members
          </p>
        </li>
      ))}
    </ul>
  );
}
