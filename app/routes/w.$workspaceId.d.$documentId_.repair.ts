import type { ActionFunctionArgs } from "@remix-run/node";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { httpError, tooManyRequests } from "~/http/responses.server";
import { repairDocumentRoom } from "~/kinds/repair.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";

/**
 * Repair a document's room whose storage no longer matches its kind (the "damaged" state):
 * anyone who may write to it (session guests included), a few times a minute.
 */
const REPAIR_LIMIT = { limit: 10, windowSeconds: 60 };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document } = await requireDocumentAccess(request, params.workspaceId, params.documentId, "write", {
    allowGuests: true,
  });
  const limited = await consumeRateLimit(`repair:${user.id}`, REPAIR_LIMIT);
  if (!limited.allowed)
    return tooManyRequests(
      limited.resetAt,
      "You have repaired rooms many times in a minute. Wait a little and try again.",
    );
  return Response.json(await repairDocumentRoom(document), { headers: { "Cache-Control": "no-store" } });
}

export const loader = () => httpError(405, "Use POST to repair the room.");
