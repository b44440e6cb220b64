import { useStorage } from "@liveblocks/react/suspense";
import { useEffect, useRef, useState } from "react";
import { postJson } from "./post-json";
import type { ChatEntry } from "../room-types";

/** The session's chat: messages go through the server (so authors are real) and arrive live through the room. */
export function ChatSidebar({ base, canWrite }: { base: string; canWrite: boolean }) {
  const messages = useStorage((root) => root.chat ?? []);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    const result = await postJson(`${base}/chat`, { text: draft });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setDraft("");
  }

  return (
    <aside className="panel chat" aria-label="Chat">
      <h2 className="panel-title">Chat</h2>
      <ChatList messages={messages} />
      {canWrite ? (
        <form onSubmit={(e) => void send(e)} className="chat-form">
          <label htmlFor="chat-input" className="visually-hidden">
            Message
          </label>
          <input
            id="chat-input"
            data-testid="chat-input"
            value={draft}
            maxLength={2000}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Message everyone here"
            autoComplete="off"
          />
          <button type="submit" disabled={busy || !draft.trim()}>
            Send
          </button>
        </form>
      ) : (
        <p className="muted hint">Viewers can read the chat but not write.</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </aside>
  );
}

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
