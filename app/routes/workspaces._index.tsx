import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { listWorkspacesOf } from "~/workspaces/workspaces.server";

export const meta: MetaFunction = () => [{ title: "Your workspaces · APIMarketplace Pro" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { workspaces: await listWorkspacesOf(user.id) };
}

export default function Workspaces() {
  const { workspaces } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>Your workspaces</h1>
      {workspaces.length === 0 ? (
        <p className="empty">You are not a member of any workspace yet. Ask a teammate to invite you.</p>
      ) : (
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
      )}
    </main>
  );
}
