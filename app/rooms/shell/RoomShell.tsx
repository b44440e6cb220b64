import { ClientSideSuspense, LiveblocksProvider, RoomProvider } from "@liveblocks/react";
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ConnectionStatus } from "./ConnectionStatus";
import { CursorSurface } from "./CursorSurface";
import { PresenceBar } from "./PresenceBar";
import { RoomLease } from "./RoomLease";
import { RoomTitle } from "./RoomTitle";
import { UndoRedo } from "./UndoRedo";

/**
 * What every room page shares: the connection to its room, who is here, live cursors,
 * connection status and undo/redo. The room kind's body goes inside. A body that draws
 * its own cursors or keeps its own history turns the shell's off (`cursors`, `history`).
 * The page stays in the room only while its person may be there (RoomLease).
 */
export function RoomShell({
  roomId,
  baseUrl,
  title,
  renameUrl = null,
  kindLabel,
  cursors = true,
  history = true,
  children,
}: {
  roomId: string;
  baseUrl: string | undefined;
  title: string;
  /** Where a rename is posted, for people who may rename the document. */
  renameUrl?: string | null;
  kindLabel: string;
  cursors?: boolean;
  history?: boolean;
  children: React.ReactNode;
}) {
  // A new connection (and token) each time access changes under the page.
  const [connection, setConnection] = useState(0);
  const [lost, setLost] = useState(false);
  // Renamed while open: the lease check brings the title PostgreSQL has now.
  const [liveTitle, setLiveTitle] = useState(title);
  useEffect(() => setLiveTitle(title), [title]);
  if (lost) {
    return (
      <div className="callout" role="alert" data-testid="room-access-lost">
        <h2>You no longer have access to {liveTitle}</h2>
        <p>
          Someone changed who can open it, so this page has left the room.{" "}
          <Link to="/workspaces">Go to your workspaces</Link>.
        </p>
      </div>
    );
  }
  return (
    <LiveblocksProvider
      key={connection}
      authEndpoint="/api/liveblocks-auth"
      baseUrl={baseUrl}
      // 16 ms (the minimum): the default 100 ms would dominate cursor latency.
      throttle={16}
      // Don't leave a "ghost" in others' rooms for long after a tab is hidden.
      backgroundKeepAliveTimeout={5 * 60_000}
    >
      <RoomProvider id={roomId} initialPresence={{ cursor: null, editing: null }}>
        <RoomLease
          roomId={roomId}
          onLost={() => setLost(true)}
          onStale={() => setConnection((n) => n + 1)}
          onTitle={setLiveTitle}
        />
        <div className="room">
          <header className="room-header">
            <div>
              <p className="muted room-kind">{kindLabel}</p>
              <RoomTitle title={liveTitle} renameUrl={renameUrl} onRenamed={setLiveTitle} />
            </div>
            <div className="room-tools">
              <ConnectionStatus />
              {history ? <UndoRedo /> : null}
              <PresenceBar />
            </div>
          </header>
          <ClientSideSuspense fallback={<p className="muted room-loading">Joining the room…</p>}>
            {cursors ? <CursorSurface>{children}</CursorSurface> : children}
          </ClientSideSuspense>
        </div>
      </RoomProvider>
    </LiveblocksProvider>
  );
}
