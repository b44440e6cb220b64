import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/http/responses.server";
import requestsStyles from "~/requests/requests.css?url";
import { requireSession } from "~/requests/session-access.server";
import { recordingOutline } from "~/requests/recordings.server";
import { ReplayPlayer } from "~/requests/ui/ReplayPlayer";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: requestsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Replay of ${data?.document.title ?? "a session"} · APIMarketplace Pro` },
];

/** The replay of one recording: members of the workspace can open it by link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params, "read", { membersOnly: true });
  const outline = z.string().uuid().safeParse(params.recordingId).success
    ? await recordingOutline(access.document.id, params.recordingId!)
    : null;
  if (!outline) throw notFound();
  return {
    workspace: { id: access.workspace.id, name: access.workspace.name },
    document: { id: access.document.id, title: access.document.title },
    recording: {
      ...outline,
      startedAt: outline.startedAt.toISOString(),
      endedAt: outline.endedAt?.toISOString() ?? null,
    },
  };
}

export default function Replay() {
  const { workspace, document, recording } = useLoaderData<typeof loader>();
  const base = `/w/${workspace.id}/d/${document.id}`;
  return (
    <main className="page wide">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link> /{" "}
        <Link to={base}>{document.title}</Link>
      </p>
      <h1 className="room-title">Replay: {document.title}</h1>
      <p className="muted">
        Recorded {new Date(recording.startedAt).toLocaleString()} · {recording.eventCount} events ·{" "}
        {(recording.byteSize / 1024).toFixed(1)} KiB
        {recording.endedAt ? "" : " · still recording"}
      </p>
      <ReplayPlayer
        segmentsUrl={`${base}/recordings/${recording.id}/segments`}
        durationMs={recording.durationMs}
        segments={recording.segments}
      />
    </main>
  );
}
