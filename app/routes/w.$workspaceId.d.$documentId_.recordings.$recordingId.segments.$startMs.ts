import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/http/responses.server";
import { requireSession } from "~/requests/session-access.server";
import { segmentJson } from "~/requests/recordings.server";

/** One segment of a recording (a keyframe and its deltas), for the replay player. Members only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params, "read", { membersOnly: true });
  const startMs = Number(params.startMs);
  if (!z.string().uuid().safeParse(params.recordingId).success || !Number.isInteger(startMs))
    return notFound("No such recording.");
  const segment = await segmentJson(access.document.id, params.recordingId!, startMs);
  if (!segment) return notFound("No such part of this recording.");
  // A segment of a finished recording never changes; one of an ongoing recording may still grow.
  return new Response(segment.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": segment.final ? "private, max-age=86400" : "no-store",
    },
  });
}
