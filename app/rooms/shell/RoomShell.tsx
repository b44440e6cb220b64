import { ClientSideSuspense, LiveblocksProvider, RoomProvider } from "@liveblocks/react";
import { ConnectionStatus } from "./ConnectionStatus";
import { CursorSurface } from "./CursorSurface";
import { PresenceBar } from "./PresenceBar";
import { UndoRedo } from "./UndoRedo";

/**
 * What every room page shares: the connection to its room, who is here, live cursors,
 * connection status and undo/redo. The room kind's body goes inside. A body that draws
 * its own cursors or keeps its own history turns the shell's off (`cursors`, `history`).
 */
export function RoomShell({
  roomId,
  baseUrl,
  title,
  kindLabel,
  cursors = true,
  history = true,
  children,
}: {
  roomId: string;
  baseUrl: string | undefined;
  title: string;
  kindLabel: string;
  cursors?: boolean;
  history?: boolean;
  children: React.ReactNode;
}) {
  return (
    <LiveblocksProvider
      authEndpoint="/api/liveblocks-auth"
      baseUrl={baseUrl}
      // 16 ms (the minimum): the default 100 ms would dominate cursor latency.
      throttle={16}
      // Don't leave a "ghost" in others' rooms for long after a tab is hidden.
      backgroundKeepAliveTimeout={5 * 60_000}
    >
      <RoomProvider id={roomId} initialPresence={{ cursor: null, editing: null }}>
        <div className="room">
          <header className="room-header">
            <div>
              <p className="muted room-kind">{kindLabel}</p>
              <h1 className="room-title">{title}</h1>
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
