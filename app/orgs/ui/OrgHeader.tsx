import { Link, NavLink } from "@remix-run/react";
import { can } from "~/auth/permissions";
import type { Role } from "~/generated/prisma/enums";

/** The title of an organisation's pages and the links between them. */
export function OrgHeader({
  organization,
  role,
  title,
  children,
}: {
  organization: { id: string; name: string };
  role: Role;
  title: string;
  children?: React.ReactNode;
}) {
  const base = `/orgs/${organization.id}`;
  const links: [string, string][] = [
    [base, "Overview"],
    [`${base}/members`, "Members"],
    [`${base}/teams`, "Teams"],
    [`${base}/workspaces`, "Workspaces"],
    [`${base}/budgets`, "Budgets"],
    ...(can(role, "manage")
      ? ([
          [`${base}/ingestion-tokens`, "Usage ingestion"],
          [`${base}/audit`, "Audit log"],
        ] as [string, string][])
      : []),
  ];
  return (
    <header className="org-header">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / {organization.name}
      </p>
      <h1>{title}</h1>
      {children}
      <nav aria-label={`${organization.name} settings`} className="org-nav">
        {links.map(([to, label]) => (
          <NavLink key={to} to={to} end prefetch="intent">
            {label}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}
