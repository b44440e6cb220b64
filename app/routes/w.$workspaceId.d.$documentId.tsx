import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { ClientOnly } from "~/components/ClientOnly";
import { ROOM_KINDS } from "~/kinds";
import { openDocument } from "~/kinds/open-document.server";
import { publicLiveblocksBaseUrl } from "~/rooms/liveblocks.server";
import { RoomBody } from "~/rooms/shell/RoomBody";
import { RoomShell } from "~/rooms/shell/RoomShell";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.title ?? "Document"} · APIMarketplace Pro` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Request sessions also admit their guests (people who joined by code).
  const access = await requireDocumentAccess(request, params.workspaceId, params.documentId, "read", {
    allowGuests: true,
  });
  const { workspace, document, role, guest } = access;
  const opened = await openDocument(access);
  return {
    workspace: guest
      ? { id: workspace.id, name: workspace.organizationName }
      : { id: workspace.id, name: workspace.name },
    document: {
      id: document.id,
      title: document.title,
      kind: document.kind,
      roomId: document.roomId,
      archived: document.archivedAt !== null,
    },
    kindLabel: opened.label,
    canRename: !guest && can(role, "write") && !workspace.archived && document.archivedAt === null,
    role,
    guest,
    page: opened.page,
    closed: opened.closed,
    liveblocksBaseUrl: publicLiveblocksBaseUrl(),
  };
}

export default function DocumentRoom() {
  const { workspace, document, kindLabel, canRename, liveblocksBaseUrl, guest, page, closed } =
    useLoaderData<typeof loader>();
  const kind = ROOM_KINDS[document.kind];
  // Start downloading the kind's body while the room connects.
  useEffect(() => void kind.loadBody(), [kind]);
  const base = `/w/${workspace.id}/d/${document.id}`;
  return (
    <main className="page wide">
      {guest ? (
        <p className="breadcrumbs" data-testid="guest-banner">
          You joined this session of {workspace.name} as a guest: you can edit, send and chat here, and see nothing else
          of the workspace.
        </p>
      ) : (
        <p className="breadcrumbs">
          <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>
        </p>
      )}
      {document.archived ? (
        <p className="callout" data-testid="archived-document">
          This document is archived: everyone can read it, nobody can change it. Restore it from the{" "}
          <Link to={`/w/${workspace.id}?archived=1`}>workspace page</Link> to work on it again.
        </p>
      ) : null}
      {closed ? (
        <div className="callout" role="alert" data-testid="room-closed">
          <h2>{closed.heading}</h2>
          <p>
            {closed.message} <Link to=".">Try again</Link>
          </p>
        </div>
      ) : (
        <ClientOnly fallback={<p className="muted">Loading {document.title}…</p>}>
          {() => (
            <RoomShell
              roomId={document.roomId}
              baseUrl={liveblocksBaseUrl}
              title={document.title}
              renameUrl={canRename ? `${base}/manage` : null}
              kindLabel={kindLabel}
              cursors={kind.shell.cursors}
              history={kind.shell.history}
            >
              <RoomBody kind={kind} props={{ workspaceId: workspace.id, documentId: document.id, base, page }} />
            </RoomShell>
          )}
        </ClientOnly>
      )}
    </main>
  );
}
