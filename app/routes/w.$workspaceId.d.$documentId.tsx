import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import aiStyles from "~/ai/ai.css?url";
import { aiRoomData } from "~/ai/room-data.server";
import { requireDocumentAccess } from "~/auth/authorize.server";
import canvasStyles from "~/canvas/canvas.css?url";
import commentStyles from "~/comments/comments.css?url";
import { ClientOnly } from "~/components/ClientOnly";
import { env } from "~/config/env.server";
import requestsStyles from "~/requests/requests.css?url";
import { publicLiveblocksBaseUrl } from "~/rooms/liveblocks.server";
import { ensureRoom } from "~/rooms/rooms.server";
import { preloadBodyFor, RoomBody, shellFeaturesFor } from "~/rooms/bodies/RoomBody";
import { RoomShell } from "~/rooms/shell/RoomShell";
import { loadSessionPage } from "~/requests/session-page.server";
import snippetStyles from "~/snippets/snippets.css?url";
import { KIND_COPY } from "~/workspaces/document-kinds";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.title ?? "Document"} · APIMarketplace Pro` },
];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: canvasStyles },
  { rel: "stylesheet", href: commentStyles },
  { rel: "stylesheet", href: requestsStyles },
  { rel: "stylesheet", href: aiStyles },
  { rel: "stylesheet", href: snippetStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Request sessions also admit their guests (people who joined by code).
  const access = await requireDocumentAccess(request, params.workspaceId, params.documentId, "read", {
    allowGuests: true,
  });
  const { user, workspace, document, role, guest } = access;
  await ensureRoom(document);
  const ai =
    document.kind === "AI"
      ? await aiRoomData({ user, organizationId: workspace.organizationId, role, document })
      : null;
  return {
    workspace: guest
      ? { id: workspace.id, name: workspace.organizationName }
      : { id: workspace.id, name: workspace.name },
    document: { id: document.id, title: document.title, kind: document.kind, roomId: document.roomId },
    role,
    guest,
    session: document.kind === "REQUEST" ? await loadSessionPage(access) : null,
    liveblocksBaseUrl: publicLiveblocksBaseUrl(),
    // Not a secret: tldraw checks it in the browser, against the page's origin.
    tldrawLicenseKey: document.kind === "CANVAS" ? (env().TLDRAW_LICENSE_KEY ?? null) : null,
    ai,
  };
}

export default function DocumentRoom() {
  const { workspace, document, liveblocksBaseUrl, tldrawLicenseKey, guest, session, ai } =
    useLoaderData<typeof loader>();
  const shell = shellFeaturesFor(document.kind);
  useEffect(() => preloadBodyFor(document.kind), [document.kind]);
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
      {session?.full ? (
        <div className="callout" role="alert" data-testid="session-full">
          <h2>This session is full</h2>
          <p>
            At most {session.maxParticipants} people can be in {document.title} at once. <Link to=".">Try again</Link>{" "}
            when someone leaves.
          </p>
        </div>
      ) : (
        <ClientOnly fallback={<p className="muted">Loading {document.title}…</p>}>
          {() => (
            <RoomShell
              roomId={document.roomId}
              baseUrl={liveblocksBaseUrl}
              title={document.title}
              kindLabel={KIND_COPY[document.kind].label}
              cursors={shell.cursors}
              history={shell.history}
            >
              <RoomBody
                kind={document.kind}
                context={{ workspaceId: workspace.id, documentId: document.id, base, tldrawLicenseKey, session, ai }}
              />
            </RoomShell>
          )}
        </ClientOnly>
      )}
    </main>
  );
}
