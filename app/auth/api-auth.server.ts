import { httpError } from "~/http/responses.server";
import { getSessionUser } from "./session.server";

/** For JSON endpoints: a 401 with a message instead of a redirect to the log-in page. */
export async function requireApiUser(request: Request) {
  const user = await getSessionUser(request);
  if (!user) throw httpError(401, "Log in first: this needs a signed-in session.");
  return user;
}
