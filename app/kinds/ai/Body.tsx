import { useStorage } from "@liveblocks/react/suspense";
import { useEffect, useMemo, useRef, useState } from "react";
import "~/ai/ai.css";
import "~/snippets/snippets.css";
import type { RoomBodyProps } from "~/rooms/kind";
import { SharedNotes } from "~/rooms/notes/SharedNotes";
import { ChatMessage } from "~/ai/ChatMessage";
import { Composer } from "~/ai/Composer";
import { QuotaMeter } from "~/ai/QuotaMeter";
import type { AiRoomData } from "./page.server";

/**
 * The AI chat room: the shared thread (written by the server as answers stream), the
 * composer, the quota meter and the model, and the room's shared notes.
 */
export default function AiRoomBody({ page: ai, workspaceId, documentId }: RoomBodyProps<AiRoomData>) {
  const messages = useStorage((root) => root.messages ?? []);
  const finished = messages.filter((m) => m.role === "assistant" && m.status !== "streaming").length;
  const apiNames = useMemo(() => new Map(ai.apis.map((a) => [a.slug, a.name])), [ai.apis]);
  const end = useRef<HTMLDivElement>(null);
  const lastLength = messages.length
    ? messages[messages.length - 1]!.content.length + messages[messages.length - 1]!.chunks.length
    : 0;

  useEffect(() => {
    const box = end.current?.parentElement;
    if (!box) return;
    // Follow the stream only if the reader is already at the bottom.
    if (box.scrollHeight - box.scrollTop - box.clientHeight < 160) end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, lastLength]);

  return (
    <div className="ai-room">
      <div className="ai-main">
        <section className="thread panel" aria-label="Chat thread" aria-live="polite">
          {messages.length === 0 ? (
            <p className="empty">
              No questions yet. Pick a language and an API below, then ask for code, paste code to explain, or paste an
              error to debug. Everyone here sees the answer stream.
            </p>
          ) : (
            <ol className="messages">
              {messages.map((message) => (
                <ChatMessage
                  key={message.id}
                  message={message}
                  workspaceId={workspaceId}
                  canSave={ai.canAsk}
                  apiName={message.apiSlug ? (apiNames.get(message.apiSlug) ?? message.apiSlug) : null}
                />
              ))}
            </ol>
          )}
          <div ref={end} />
        </section>
        <Composer askUrl={`/w/${workspaceId}/d/${documentId}/ask`} apis={ai.apis} aiEnabled={ai.aiEnabled} />
      </div>
      <aside className="ai-side">
        <QuotaMeter workspaceId={workspaceId} initial={ai.quota} refreshKey={finished} />
        <ModelPanel ai={ai} workspaceId={workspaceId} />
        <SharedNotes hint="Notes for this chat: decisions, links, what to try next." />
      </aside>
    </div>
  );
}

function ModelPanel({ ai, workspaceId }: { ai: AiRoomData; workspaceId: string }) {
  if (!ai.aiEnabled) {
    return (
      <section className="panel" aria-label="Model">
        <h2>AI is off</h2>
        <p className="muted">
          No Anthropic key is configured on this server. Generate writes code from OpenAPI specs; explain and debug need
          Claude.
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      {ai.canChooseModel ? (
        <ModelPicker ai={ai} workspaceId={workspaceId} />
      ) : (
        <p data-testid="ai-model">{ai.model.label}</p>
      )}
      <p className="muted">
        Prices per million tokens:{" "}
        {ai.models.map((m) => `${m.label} $${m.inputPerMillion} in / $${m.outputPerMillion} out`).join("; ")}.
      </p>
    </section>
  );
}

function ModelPicker({ ai, workspaceId }: { ai: AiRoomData; workspaceId: string }) {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  async function choose(model: string) {
    setNote(null);
    const res = await fetch(`/w/${workspaceId}/ai/model`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model }),
    }).catch(() => null);
    const data = res ? await res.json().catch(() => ({})) : {};
    setNote(
      res?.ok
        ? { ok: true, text: `${data.model.label} is now used for every new answer in your organisation.` }
        : { ok: false, text: data.error ?? "Could not change the model. Try again." },
    );
  }
  return (
    <>
      <label>
        For the whole organisation
        <select defaultValue={ai.model.id} onChange={(e) => choose(e.target.value)} data-testid="ai-model">
          {ai.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {note ? (
        <p className={note.ok ? "muted" : "field-error"} role={note.ok ? "status" : "alert"}>
          {note.text}
        </p>
      ) : null}
    </>
  );
}
