import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireApiUser } from "~/auth/api-auth.server";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import {
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from "~/notifications/notifications.server";

/** The signed-in person's notifications (GET) and marking them read (POST { ids? }). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  const [unread, notifications] = await Promise.all([unreadNotificationCount(user.id), listNotifications(user.id, 20)]);
  return Response.json({ unread, notifications }, { headers: { "Cache-Control": "no-store" } });
}

const MarkRead = z.object({ ids: z.array(z.string().uuid()).max(200).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  const body = await readJson(request, 20_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(MarkRead, body.value);
  if (!parsed.ok) return httpError(400, 'Send { "ids": [...] }, or {} for all.');
  await markNotificationsRead(user.id, parsed.data.ids);
  return Response.json({ ok: true, unread: await unreadNotificationCount(user.id) });
}
