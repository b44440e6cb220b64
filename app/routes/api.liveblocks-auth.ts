import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-auth.server";
import { httpError } from "~/http/responses.server";
import { parseFields, readJson } from "~/http/validation.server";
import { issueRoomToken, RoomTokenRequest } from "~/kinds/room-access.server";

/** Liveblocks' auth endpoint: the browser asks for a token for one room. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  const body = await readJson(request, 10_000);
  if (!body.ok) return httpError(body.status, body.message);
  const parsed = parseFields(RoomTokenRequest, body.value);
  if (!parsed.ok) return httpError(400, Object.values(parsed.fieldErrors)[0] ?? "Say which room.");
  const { status, body: token } = await issueRoomToken(user, parsed.data.room);
  return new Response(token, { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}

export const loader = () => httpError(405, 'Use POST with { "room": "<room id>" }.');
