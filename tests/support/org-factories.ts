import { prisma } from "~/db/client.server";
import type { Role } from "~/generated/prisma/enums";
import { CookieClient } from "./browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "./factories";

/**
 * An organisation with one person per role (in the organisation and its workspace), an
 * outsider with an organisation of their own, and a logged-in client per person.
 */
export async function organizationWithEveryRole(baseUrl: string) {
  const [owner, admin, member, viewer, outsider] = await Promise.all(
    ["Olive Owner", "Adam Admin", "Mia Member", "Vic Viewer", "Otto Outsider"].map((name) => createUser(name)),
  );
  const people = { owner: owner!, admin: admin!, member: member!, viewer: viewer! };
  const roles: Record<keyof typeof people, Role> = {
    owner: "OWNER",
    admin: "ADMIN",
    member: "MEMBER",
    viewer: "VIEWER",
  };
  const workspace = await createWorkspaceWith(
    Object.entries(people).map(([key, user]) => ({ userId: user.id, role: roles[key as keyof typeof people] })),
  );
  await createWorkspaceWith([{ userId: outsider!.id, role: "OWNER" }]);
  const as = async (user: { email: string }) => {
    const client = new CookieClient(baseUrl);
    await client.logIn(user.email, TEST_PASSWORD);
    return client;
  };
  return { ...people, outsider: outsider!, workspace, org: workspace.organizationId, as };
}

/** A page's HTML as a person reads it: without the comments React puts between text pieces. */
export const readable = (html: string) => html.replaceAll("<!-- -->", "");

/** Gets a page: its status and readable HTML. */
export async function get(client: CookieClient, path: string) {
  const response = await client.request(path);
  return { status: response.status, text: readable(await response.text()), response };
}

/** Posts a form to a page and returns the status and the page's readable HTML. */
export async function post(client: CookieClient, path: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  const response = await client.request(path, {
    method: "POST",
    body: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return { status: response.status, text: readable(await response.text()), response };
}

export const roleIn = async (organizationId: string, userId: string) =>
  (await prisma.orgMembership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))?.role ??
  null;

export const workspaceRole = async (workspaceId: string, userId: string) =>
  (await prisma.workspaceMembership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } }))?.role ??
  null;
