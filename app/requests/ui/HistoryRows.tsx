import type { HistoryEntry } from "../room-types";

/** Sent requests as rows: the live history list and replays (which must not load Liveblocks) share it. */
export function HistoryRows({
  entries,
  onReopen,
}: {
  entries: readonly HistoryEntry[];
  onReopen?: (id: string) => void;
}) {
  return (
    <ol className="history">
      {entries.map((h) => (
        <li key={h.id} data-testid="history-entry">
          <span className={`status-badge ${h.outcome !== "OK" ? "bad" : (h.status ?? 0) < 400 ? "good" : "warn"}`}>
            {h.outcome === "OK" ? h.status : h.outcome === "REFUSED" ? "refused" : "failed"}
          </span>
          <code className="history-line">
            {h.method} {h.url}
          </code>
          <span className="muted">
            {h.sentBy} · {new Date(h.sentAt).toLocaleTimeString()} · {h.durationMs} ms
          </span>
          {onReopen ? (
            <button type="button" className="link-button" onClick={() => onReopen(h.id)}>
              Reopen
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
