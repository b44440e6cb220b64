import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/http/responses.server";
import { requireSession } from "~/sessions/session-access.server";
import { loadSegment, recordingOutline } from "~/sessions/recordings.server";

/** One segment of a recording (a keyframe and its deltas), for the replay player. Members only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params, "read", { membersOnly: true });
  const outline = await recordingOutline(access.document.id, params.recordingId ?? "");
  const startMs = Number(params.startMs);
  if (!outline || !Number.isInteger(startMs)) return httpError(404, "No such recording.");
  const segment = await loadSegment(outline.id, startMs);
  if (!segment) return httpError(404, "No such part of this recording.");
  // A finished segment never changes; the last one of an ongoing recording still grows.
  const final = outline.endedAt !== null || outline.segments.at(-1)?.startMs !== startMs;
  return Response.json(segment, { headers: { "Cache-Control": final ? "private, max-age=86400" : "no-store" } });
}
