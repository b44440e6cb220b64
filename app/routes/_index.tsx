import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getSessionUser(request)) ? "/workspaces" : "/login");
}
