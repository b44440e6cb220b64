import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import aiStyles from "~/ai/ai.css?url";
import snippetStyles from "~/snippets/snippets.css?url";
import { aiRoomData } from "~/ai/room-data.server";
import { requireDocumentAccess } from "~/auth/authorize.server";
import { ClientOnly } from "~/components/ClientOnly";
import { publicLiveblocksBaseUrl } from "~/rooms/liveblocks.server";
import { ensureRoom } from "~/rooms/rooms.server";
import { RoomBody } from "~/rooms/bodies/RoomBody";
import { RoomShell } from "~/rooms/shell/RoomShell";
import { KIND_COPY } from "~/workspaces/document-kinds";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.title ?? "Document"} · APIMarketplace Pro` },
];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: aiStyles },
  { rel: "stylesheet", href: snippetStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workspace, document, role } = await requireDocumentAccess(request, params.workspaceId, params.documentId, "read");
  await ensureRoom(document);
  const ai = document.kind === "AI" ? await aiRoomData({ user, organizationId: workspace.organizationId, role, document }) : null;
  return {
    workspace: { id: workspace.id, name: workspace.name },
    document: { id: document.id, title: document.title, kind: document.kind, roomId: document.roomId },
    role,
    liveblocksBaseUrl: publicLiveblocksBaseUrl(),
    ai,
  };
}

export default function DocumentRoom() {
  const { workspace, document, liveblocksBaseUrl, ai } = useLoaderData<typeof loader>();
  return (
    <main className="page wide">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>
      </p>
      <ClientOnly fallback={<p className="muted">Loading {document.title}…</p>}>
        {() => (
          <RoomShell roomId={document.roomId} baseUrl={liveblocksBaseUrl} title={document.title} kindLabel={KIND_COPY[document.kind].label}>
            <RoomBody kind={document.kind} data={{ workspaceId: workspace.id, documentId: document.id, ai }} />
          </RoomShell>
        )}
      </ClientOnly>
    </main>
  );
}
