import { useStorage } from "@liveblocks/react/suspense";
import { useState } from "react";
import { postJson } from "./post-json";
import { ChatList } from "./ChatList";

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
