import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { githubLoginEnabled, startGithubLogin } from "~/auth/github.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { notFound } from "~/http/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!githubLoginEnabled()) throw notFound("GitHub log-in is not configured on this server.");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/workspaces");
  const { url, setCookie } = await startGithubLogin(request, redirectTo);
  return redirect(url, { headers: { "Set-Cookie": setCookie } });
}
