import { useStatus } from "@liveblocks/react";

const LABELS = {
  initial: "Connecting…",
  connecting: "Connecting…",
  connected: "Live",
  reconnecting: "Reconnecting… your changes are kept and will sync",
  disconnected: "Offline",
} as const;

/** Always visible, so nobody keeps typing into a room that isn't syncing without knowing it. */
export function ConnectionStatus() {
  const status = useStatus();
  return (
    <p
      className={`connection connection-${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-status={status}
    >
      <span className="dot" aria-hidden />
      {LABELS[status]}
    </p>
  );
}
