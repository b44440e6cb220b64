import { useEffect, useRef } from "react";
import type { ChatEntry } from "../room-types";

/** Chat messages, newest last: the live sidebar and replays (which must not load Liveblocks) share it. */
export function ChatList({ messages }: { messages: readonly ChatEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // A block body: newer Chromium returns a promise from scrollIntoView, and React would call it as a cleanup.
    end.current?.scrollIntoView?.({ block: "nearest" });
  }, [messages.length]);
  if (messages.length === 0)
    return <p className="empty">No messages yet. Say what you are trying, or ask for a hand.</p>;
  return (
    <ol className="chat-messages" aria-live="polite">
      {messages.map((m) => (
        <li key={m.id} data-testid="chat-message" data-author={m.authorName}>
          <span className="chat-author" style={{ color: m.color }}>
            {m.authorName}
          </span>{" "}
          <time className="muted" dateTime={m.at}>
            {new Date(m.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
          </time>
          <p className="chat-text">{m.text}</p>
        </li>
      ))}
      <li ref={end} aria-hidden className="chat-end" />
    </ol>
  );
}
