import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { finishGithubLogin, githubLoginEnabled } from "~/auth/github.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { createSession } from "~/auth/session.server";
import { httpError, notFound } from "~/http/responses.server";
import { ssoRequiredMessage, ssoRequirementFor } from "~/sso/requirement.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!githubLoginEnabled()) throw notFound("GitHub log-in is not configured on this server.");
  const result = await finishGithubLogin(request, {
    refuseEmail: async (email) => {
      const required = await ssoRequirementFor(email);
      return required && ssoRequiredMessage(required);
    },
  });
  if (!result.ok) throw httpError(400, result.message);
  return redirect(safeRedirect(result.redirectTo, "/workspaces"), {
    headers: { "Set-Cookie": await createSession(result.userId, request) },
  });
}
