import { useEventListener, useSelf, useStatus } from "@liveblocks/react";
import { useEffect, useRef } from "react";

/**
 * Keeps a page in a room only while its person may be there (the lease of
 * docs/decisions/073-cutting-room-access.md): it asks the server soon after joining and then
 * as often as the server says. Refused: the page leaves the room (`onLost`). Allowed with
 * other access than the connection has (made a viewer, or back to member), or the
 * connection gave up: the page reconnects with a fresh token (`onStale`). The answer also
 * carries the document's title (`onTitle`). When someone in the room renames or archives the
 * document their page broadcasts DOCUMENT_CHANGED, and every page asks at once: the event is
 * only a hint to ask (anyone could send it), the answer comes from the server.
 */
const FIRST_CHECK_MS = 1_000;
const RETRY_MS = 10_000;

const HINT_MIN_GAP_MS = 1_000;

export function RoomLease({
  roomId,
  onLost,
  onStale,
  onTitle,
}: {
  roomId: string;
  onLost: () => void;
  onStale: () => void;
  onTitle: (title: string) => void;
}) {
  const canWrite = useSelf((me) => me.canWrite);
  const status = useStatus();
  const latest = useRef({ canWrite, status, onLost, onStale, onTitle });
  latest.current = { canWrite, status, onLost, onStale, onTitle };
  const askNow = useRef<() => void>(() => {});
  useEventListener(({ event }) => {
    if (event.type === "DOCUMENT_CHANGED") askNow.current();
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastAsked = 0;
    const schedule = (ms: number) => {
      if (!stopped) timer = setTimeout(check, ms);
    };
    // A burst of hints (or a page sending them on purpose) costs at most one check a second.
    askNow.current = () => {
      clearTimeout(timer);
      schedule(Math.max(0, lastAsked + HINT_MIN_GAP_MS - Date.now()));
    };
    async function check() {
      lastAsked = Date.now();
      let next = RETRY_MS;
      try {
        const response = await fetch("/api/room-lease", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ room: roomId }),
        });
        if (stopped) return;
        if (response.status === 404 || response.status === 401) return latest.current.onLost();
        if (response.ok) {
          const lease = (await response.json()) as {
            access: "write" | "read";
            title: string;
            recheckSeconds: number;
          };
          latest.current.onTitle(lease.title);
          const { canWrite: writes, status: now } = latest.current;
          if (now === "disconnected" || (writes !== null && writes !== (lease.access === "write")))
            return latest.current.onStale();
          next = lease.recheckSeconds * 1000;
        }
      } catch {
        // Offline or the server restarting: the room itself says so; ask again soon.
      }
      schedule(next);
    }
    schedule(FIRST_CHECK_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [roomId]);

  return null;
}
