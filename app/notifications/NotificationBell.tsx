import { Link } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The topbar's notifications: an unread count, and the latest ones in a popover. Asks the
 * server every 30 seconds, when the tab comes back, and when the page says something
 * changed (the "notifications:changed" event, e.g. a canvas saw a new comment).
 */
type Notification = {
  id: string;
  kind: "MENTION" | "ANOMALY";
  /** For notifications that are not mentions: what happened. */
  title: string | null;
  read: boolean;
  actorName: string;
  documentTitle: string;
  excerpt: string | null;
  href: string;
  createdAt: string;
};

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const response = await fetch("/api/notifications", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = (await response.json()) as { unread: number; notifications: Notification[] };
      setUnread(body.unread);
      setItems(body.notifications);
    } catch {
      // offline: keep what we have
    }
  }, []);

  useEffect(() => {
    const onChange = () => void load();
    const onVisible = () => document.visibilityState === "visible" && void load();
    const timer = setInterval(onVisible, 30_000);
    window.addEventListener("notifications:changed", onChange);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener("notifications:changed", onChange);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    void load();
    const onClick = (event: MouseEvent) =>
      root.current && !root.current.contains(event.target as Node) && setOpen(false);
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, load]);

  async function markAllRead() {
    const response = await fetch("/api/notifications", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    if (response.ok) await load();
  }

  return (
    <div className="notifications" ref={root}>
      <button
        type="button"
        className="link-button notification-bell"
        data-testid="notification-bell"
        data-unread={unread}
        aria-expanded={open}
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen(!open)}
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          aria-hidden
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread ? <span className="notification-count">{unread}</span> : null}
      </button>
      {open ? (
        <div className="notification-popover" role="dialog" aria-label="Notifications">
          <div className="notification-popover-head">
            <strong>Notifications</strong>
            {unread ? (
              <button type="button" className="link-button" onClick={markAllRead}>
                Mark all read
              </button>
            ) : null}
          </div>
          {items === null ? (
            <p className="muted">Loading…</p>
          ) : items.length === 0 ? (
            <p className="empty">
              Nothing yet. When someone @mentions you in a comment, or spend looks unusual, it shows up here.
            </p>
          ) : (
            <ul className="notification-list">
              {items.map((n) => (
                <li key={n.id} className={n.read ? "" : "unread"} data-testid="notification">
                  <Link to={n.href} onClick={() => setOpen(false)}>
                    {n.kind === "MENTION" ? (
                      <>
                        <strong>{n.actorName}</strong> mentioned you in <strong>{n.documentTitle}</strong>
                        {n.excerpt ? <span className="muted"> “{n.excerpt}”</span> : null}
                      </>
                    ) : (
                      n.title
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
