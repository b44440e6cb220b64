import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AUDIT_ACTIONS, auditActionLabel } from "~/audit/actions";
import { describeChanges } from "~/audit/changes";
import { auditActors, auditFiltersFrom, listAuditEvents } from "~/audit/query.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Audit log · ${data?.organization.name ?? "Organisation"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const url = new URL(request.url);
  const filters = auditFiltersFrom(url);
  if (!filters.success) throw httpError(400, filters.error.issues[0]?.message ?? "Those filters are not valid.");
  const [page, actors] = await Promise.all([
    listAuditEvents(organization.id, filters.data),
    auditActors(organization.id),
  ]);
  return {
    organization,
    actors,
    filtered: Object.keys(filters.data).some((k) => k !== "before"),
    events: page.events.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      actorName: e.actorName,
      actorEmail: e.actorEmail,
      action: e.action,
      targetType: e.targetType,
      targetLabel: e.targetLabel,
      changes: describeChanges(e.before, e.after),
      ip: e.ip,
      userAgent: e.userAgent,
    })),
    next: page.next,
  };
}

const AREA_LABELS: Record<string, string> = {
  organization: "Organisation",
  member: "Members and invitations",
  team: "Teams",
  workspace: "Workspaces",
  document: "Documents",
  session: "Testing sessions",
  token: "Personal access tokens",
  ingestion_token: "Usage ingestion tokens",
  budget: "Budgets",
  billing: "Billing",
  sso: "Single sign-on",
};

function actionOptions() {
  const byArea = new Map<string, string[]>();
  for (const action of Object.keys(AUDIT_ACTIONS)) {
    const area = action.split(".")[0]!;
    byArea.set(area, [...(byArea.get(area) ?? []), action]);
  }
  return [...byArea];
}

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC";

export default function AuditLog() {
  const { organization, actors, events, next, filtered } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const exportParams = new URLSearchParams(params);
  exportParams.delete("before");
  const nextParams = new URLSearchParams(params);
  if (next) nextParams.set("before", next);

  return (
    <main className="page wide">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / {organization.name}
      </p>
      <h1>Audit log</h1>
      <p className="muted">
        Every administrative action in {organization.name}: who did what, when, from where, and what changed. Nothing
        here can be edited or deleted. Times are in UTC.
      </p>

      <Form method="get" className="filters" aria-label="Filter the audit log">
        <label>
          Action
          <select name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">Any action</option>
            {actionOptions().map(([area, actions]) => (
              <optgroup key={area} label={AREA_LABELS[area] ?? area}>
                <option value={area}>All: {(AREA_LABELS[area] ?? area).toLowerCase()}</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {auditActionLabel(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Who
          <select name="actor" defaultValue={params.get("actor") ?? ""}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target
          <input name="q" type="search" placeholder="e.g. a name or e-mail" defaultValue={params.get("q") ?? ""} />
        </label>
        <label>
          From
          <input name="from" type="date" defaultValue={params.get("from") ?? ""} />
        </label>
        <label>
          To
          <input name="to" type="date" defaultValue={params.get("to") ?? ""} />
        </label>
        <button type="submit" className="primary">
          Filter
        </button>
        {filtered ? <Link to=".">Clear filters</Link> : null}
        <a
          href={`/orgs/${organization.id}/audit.csv?${exportParams}`}
          download
          className="button"
          data-testid="audit-csv"
        >
          Export CSV
        </a>
      </Form>

      {events.length === 0 ? (
        <p className="empty">
          {filtered
            ? "Nothing matches these filters. Widen the dates or clear the filters."
            : "Nothing recorded yet. Inviting people, changing roles, teams, workspaces and tokens all appear here."}
        </p>
      ) : (
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td data-label="When">{when(e.at)}</td>
                <td data-label="Who">
                  {e.actorName}
                  {e.actorEmail ? <span className="muted small"> {e.actorEmail}</span> : null}
                </td>
                <td data-label="What">
                  {auditActionLabel(e.action)} <code className="muted small">{e.action}</code>
                </td>
                <td data-label="Target">
                  <span className="muted small">{e.targetType}</span> {e.targetLabel}
                </td>
                <td data-label="Change">
                  {e.changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="changes">
                      {e.changes.map((c) => (
                        <li key={c.field}>{`${c.field}: ${c.from} → ${c.to}`}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="From" title={e.userAgent ?? undefined}>
                  {e.ip ?? <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <Link to={`?${nextParams}`} rel="next">
            Older events
          </Link>
        </p>
      ) : null}
    </main>
  );
}
