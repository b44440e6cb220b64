import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { useState } from "react";
import type { HistoryEntry } from "../room-types";
import { HistoryRows } from "./HistoryRows";
import type { RequestDraft } from "../request-draft";
import { writeDraft } from "./draft-storage";
import { useBodyText } from "./use-body-text";

/** Every request sent in this session, newest first; anyone may reopen one into the builder. */
export function HistoryList({
  base,
  canWrite,
  entries,
}: {
  base: string;
  canWrite: boolean;
  entries?: readonly HistoryEntry[];
}) {
  const live = useStorage((root) => root.history ?? []);
  const { text } = useBodyText();
  const [error, setError] = useState<string | null>(null);
  const apply = useMutation(({ storage }, draft: RequestDraft) => writeDraft(storage, text, draft), [text]);
  const list = [...(entries ?? live)].reverse();

  async function reopen(id: string) {
    const response = await fetch(`${base}/sent/${id}`);
    const payload = (await response.json().catch(() => null)) as { draft?: RequestDraft; error?: string } | null;
    if (!response.ok || !payload?.draft) return setError(payload?.error ?? "That request could not be reopened.");
    setError(null);
    apply(payload.draft);
  }

  return (
    <section className="panel" aria-label="History">
      <h2 className="panel-title">History</h2>
      {list.length === 0 ? <p className="empty">Requests sent in this session appear here, for everyone.</p> : null}
      <HistoryRows entries={list} onReopen={canWrite ? (id) => void reopen(id) : undefined} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
