import { useBroadcastEvent } from "@liveblocks/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";

type Answer = { ok: true; message: string } | { error: string };

/**
 * The room's title, and for people who may rename it a Rename button that edits it in place.
 * The rename is posted to `renameUrl` (the document's manage route); once saved, the page tells
 * the room (DOCUMENT_CHANGED) so every open page asks the server for the new title at once.
 */
export function RoomTitle({
  title,
  renameUrl,
  onRenamed,
}: {
  title: string;
  renameUrl: string | null;
  onRenamed: (title: string) => void;
}) {
  const fetcher = useFetcher<Answer>();
  const broadcast = useBroadcastEvent();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;

  useEffect(() => {
    if (answer && "ok" in answer) {
      setEditing(false);
      onRenamed(draft.trim());
      broadcast({ type: "DOCUMENT_CHANGED" });
    }
    // Only when an answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  if (!editing)
    return (
      <div className="room-title-row">
        <h1 className="room-title" data-testid="room-title">
          {title}
        </h1>
        {renameUrl ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(title);
              setEditing(true);
            }}
          >
            Rename
          </button>
        ) : null}
      </div>
    );
  return (
    <fetcher.Form method="post" action={renameUrl!} className="room-title-row" aria-label="Rename the document">
      <input type="hidden" name="intent" value="rename" />
      <label className="visually-hidden" htmlFor="room-title-input">
        Title
      </label>
      <input
        id="room-title-input"
        name="title"
        value={draft}
        maxLength={120}
        required
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
      />
      <button type="submit" className="primary" disabled={fetcher.state !== "idle"}>
        Save
      </button>
      <button type="button" className="link-button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {answer && "error" in answer ? (
        <p className="field-error" role="alert">
          {answer.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
