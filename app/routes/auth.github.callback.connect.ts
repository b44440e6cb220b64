import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";
import { GithubError } from "~/scanner/sources/github";
import { clearConnectCookie, finishGithubConnect, readConnectCallback } from "~/scans/github-connection.server";

/**
 * GitHub sends the browser back here after the person approves the connection (a subpath
 * of the OAuth app's callback URL, as GitHub requires). Only someone who may manage the
 * workspace can finish connecting it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const callback = await readConnectCallback(request);
  if (!callback.ok) {
    if (callback.workspaceId)
      return redirect(`/w/${callback.workspaceId}/scans`, { headers: { "Set-Cookie": await clearConnectCookie() } });
    throw httpError(400, callback.message);
  }
  const { workspace, user } = await requireWorkspaceAccess(request, callback.workspaceId, "manage");
  try {
    await finishGithubConnect({ workspaceId: workspace.id, userId: user.id, code: callback.code });
  } catch (error) {
    if (error instanceof GithubError) throw httpError(400, error.message);
    throw error;
  }
  return redirect(`/w/${workspace.id}/scans`, { headers: { "Set-Cookie": await clearConnectCookie() } });
}
