import { useFetcher } from "@remix-run/react";
import { useState } from "react";

type Answer = { ok: true; message: string } | { error: string };

/**
 * A document's actions on the workspace page: rename, archive or restore (people who may
 * write), delete (owners and admins). Each posts to the document's manage route; the page's
 * list reloads after it.
 */
export function DocumentActions({
  action,
  title,
  archived,
  canDelete,
}: {
  action: string;
  title: string;
  archived: boolean;
  canDelete: boolean;
}) {
  const fetcher = useFetcher<Answer>();
  const [renaming, setRenaming] = useState(false);
  const busy = fetcher.state !== "idle";
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <details className="document-actions">
      <summary>
        <span aria-hidden>⋯</span>
        <span className="visually-hidden">Actions for {title}</span>
      </summary>
      <div className="document-actions-menu">
        {renaming ? (
          <fetcher.Form
            method="post"
            action={action}
            className="inline-form"
            onSubmit={() => setRenaming(false)}
            aria-label={`Rename ${title}`}
          >
            <input type="hidden" name="intent" value="rename" />
            <label className="visually-hidden" htmlFor={`${action}-title`}>
              New title
            </label>
            <input id={`${action}-title`} name="title" defaultValue={title} maxLength={120} required autoFocus />
            <button type="submit" className="primary" disabled={busy}>
              Save
            </button>
          </fetcher.Form>
        ) : archived ? null : (
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        <fetcher.Form method="post" action={action}>
          <button type="submit" name="intent" value={archived ? "restore" : "archive"} disabled={busy}>
            {archived ? "Restore" : "Archive"}
          </button>
        </fetcher.Form>
        {canDelete ? (
          <fetcher.Form
            method="post"
            action={action}
            onSubmit={(e) => {
              if (!confirm(`Delete “${title}” and its room for everyone? This cannot be undone.`)) e.preventDefault();
            }}
          >
            <button type="submit" name="intent" value="delete" className="danger" disabled={busy}>
              Delete
            </button>
          </fetcher.Form>
        ) : null}
        {answer ? (
          <p
            className={"error" in answer ? "field-error" : "muted small"}
            role={"error" in answer ? "alert" : "status"}
          >
            {"error" in answer ? answer.error : answer.message}
          </p>
        ) : null}
      </div>
    </details>
  );
}
