import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { notFound } from "~/http/responses.server";
import { githubOAuthConnectEnabled, startGithubConnect } from "~/scans/github-connection.server";

/** Starts the OAuth "connect" flow (repo scope) for this workspace's scans. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.workspaceId, "manage");
  if (!githubOAuthConnectEnabled())
    throw notFound("GitHub's OAuth app is not configured on this server; connect with a token instead.");
  const { url, setCookie } = await startGithubConnect(request, workspace.id);
  return redirect(url, { headers: { "Set-Cookie": setCookie } });
}
