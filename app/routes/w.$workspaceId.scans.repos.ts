import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { GithubError } from "~/scanner/sources/github";
import { repositoriesFor } from "~/scans/github-connection.server";

/** The repositories the workspace's GitHub connection can read, for the repository picker. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.workspaceId, "write");
  try {
    const repos = await repositoriesFor(workspace.id);
    if (!repos) return Response.json({ error: "Connect GitHub first." }, { status: 400 });
    return Response.json({ repos });
  } catch (error) {
    if (error instanceof GithubError) return Response.json({ error: error.message }, { status: 502 });
    throw error;
  }
}
