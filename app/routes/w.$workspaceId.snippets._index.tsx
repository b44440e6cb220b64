import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { LANGUAGES, isLanguageId } from "~/codegen/languages";
import styles from "~/snippets/snippets.css?url";
import { listSnippets } from "~/snippets/snippets.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Snippets · APIMarketplace Pro" }];

/** The workspace's saved snippets, with visibility, views and forks. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  return { workspace: { id: workspace.id, name: workspace.name }, snippets: await listSnippets(workspace.id) };
}

export default function Snippets() {
  const { workspace, snippets } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>
      </p>
      <h1>Snippets</h1>
      {snippets.length === 0 ? (
        <p className="empty">
          No snippets yet. In an AI chat, press “Save as snippet” under any code block; forks of others' public snippets
          land here too.
        </p>
      ) : (
        <table className="snippet-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Language</th>
              <th scope="col">Visibility</th>
              <th scope="col">Views</th>
              <th scope="col">Forks</th>
              <th scope="col">Saved by</th>
            </tr>
          </thead>
          <tbody>
            {snippets.map((s) => (
              <tr key={s.id} data-testid="snippet-row">
                <td>
                  <Link to={`/s/${s.shareId}`}>{s.title}</Link>
                  {s.forkedFrom ? (
                    <span className="muted">
                      {" "}
                      · forked from {s.forkedFrom.visibility === "PUBLIC" ? s.forkedFrom.title : "a private snippet"}
                    </span>
                  ) : null}
                </td>
                <td>{isLanguageId(s.language) ? LANGUAGES[s.language].label : s.language}</td>
                <td className={s.visibility === "PUBLIC" ? "visibility-public" : "visibility-private"}>
                  {s.visibility === "PUBLIC" ? "Public" : "Private"}
                </td>
                <td>{s.viewCount}</td>
                <td>{s.forkCount}</td>
                <td>{s.createdBy?.name ?? "someone"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
