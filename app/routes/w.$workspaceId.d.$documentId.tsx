import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { requireDocumentAccess } from "~/auth/authorize.server";
import canvasStyles from "~/canvas/canvas.css?url";
import commentStyles from "~/comments/comments.css?url";
import { ClientOnly } from "~/components/ClientOnly";
import { env } from "~/config/env.server";
import { publicLiveblocksBaseUrl } from "~/rooms/liveblocks.server";
import { ensureRoom } from "~/rooms/rooms.server";
import { preloadBodyFor, RoomBody, shellFeaturesFor } from "~/rooms/bodies/RoomBody";
import { RoomShell } from "~/rooms/shell/RoomShell";
import { KIND_COPY } from "~/workspaces/document-kinds";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.title ?? "Document"} · APIMarketplace Pro` },
];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: canvasStyles },
  { rel: "stylesheet", href: commentStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, document, role } = await requireDocumentAccess(request, params.workspaceId, params.documentId, "read");
  await ensureRoom(document);
  return {
    workspace: { id: workspace.id, name: workspace.name },
    document: { id: document.id, title: document.title, kind: document.kind, roomId: document.roomId },
    role,
    liveblocksBaseUrl: publicLiveblocksBaseUrl(),
    // Not a secret: tldraw checks it in the browser, against the page's origin.
    tldrawLicenseKey: document.kind === "CANVAS" ? (env().TLDRAW_LICENSE_KEY ?? null) : null,
  };
}

export default function DocumentRoom() {
  const { workspace, document, liveblocksBaseUrl, tldrawLicenseKey } = useLoaderData<typeof loader>();
  const shell = shellFeaturesFor(document.kind);
  useEffect(() => preloadBodyFor(document.kind), [document.kind]);
  return (
    <main className="page wide">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>
      </p>
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
            <RoomBody kind={document.kind} context={{ workspaceId: workspace.id, documentId: document.id, tldrawLicenseKey }} />
          </RoomShell>
        )}
      </ClientOnly>
    </main>
  );
}
