import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/auth/safe-redirect";
import { createSession } from "~/auth/session.server";
import { httpError } from "~/http/responses.server";
import { finishSsoLogin } from "~/sso/sign-in.server";

/** Where identity providers send people back (register <APP_URL>/auth/sso/callback with them). */
export async function loader({ request }: LoaderFunctionArgs) {
  const result = await finishSsoLogin(request);
  if (!result.ok) throw httpError(400, result.message);
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request));
  headers.append("Set-Cookie", result.clearCookie);
  return redirect(safeRedirect(result.redirectTo, "/workspaces"), { headers });
}
