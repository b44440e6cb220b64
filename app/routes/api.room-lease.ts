import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-auth.server";
import { env } from "~/config/env.server";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { roomAdmission } from "~/auth/room-access.server";
import { RoomTokenRequest } from "~/kinds/room-access.server";

/**
 * An open room page asks, every ROOM_LEASE_SECONDS, whether its person may still be in the
 * room and how (RoomLease): 404 sends the page out of the room, a different access makes it
 * reconnect with a fresh token (docs/decisions/073-cutting-room-access.md). The document's
 * title comes along, so a rename reaches every open page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  const body = await readJson(request, 10_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(RoomTokenRequest, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0] ?? "Say which room.");
  const admission = await roomAdmission(user, parsed.data.room);
  if (!admission.ok)
    return new Response(admission.body, { status: admission.status, headers: { "Content-Type": "application/json" } });
  return Response.json(
    { access: admission.access, title: admission.document.title, recheckSeconds: env().ROOM_LEASE_SECONDS },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const loader = () => httpError(405, 'Use POST with { "room": "<room id>" }.');
