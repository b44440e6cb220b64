import { useEffect, useState } from "react";
import type { Editor } from "tldraw";
import { useValue } from "tldraw";
import { CommentComposer } from "./CommentComposer";
import { CommentText } from "./CommentText";
import { useComments, type ThreadFilter, type ThreadView } from "./CommentsProvider";
import { anchorLabel, pinPagePoint } from "./pins";

/**
 * The comments sidebar: every thread of the canvas with filters (open, resolved,
 * mentioning me) and unread markers; a thread's conversation when one is selected; the
 * composer for a new pin. Orphans (their shape was deleted) are listed and readable here.
 */
const FILTERS: { value: ThreadFilter; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "mentions", label: "Mentioning me" },
];

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export function ThreadPanel({ editor }: { editor: Editor | null }) {
  const {
    threads,
    members,
    me,
    loadError,
    selectedId,
    select,
    placing,
    setPlacing,
    draft,
    setDraft,
    filter,
    setFilter,
    act,
  } = useComments();
  // Re-render when shapes come and go, so orphans are marked as such.
  useValue("shape ids", () => (editor ? [...editor.getCurrentPageShapeIds()].length : 0), [editor]);
  const selected = threads.find((t) => t.id === selectedId) ?? null;
  const unreadCount = threads.filter((t) => t.unread).length;

  return (
    <aside className="canvas-side thread-panel" aria-label="Comments" data-testid="thread-panel">
      <div className="panel-heading">
        <h2>
          Comments{" "}
          {unreadCount ? (
            <span className="unread-count" aria-label={`${unreadCount} unread`}>
              {unreadCount}
            </span>
          ) : null}
        </h2>
        <button
          type="button"
          className={placing ? "primary" : ""}
          aria-pressed={placing}
          title="Click a place on the canvas next; with one shape selected, the comment is pinned to it at once"
          onClick={() => {
            // Keyboard-friendly: with one shape selected, pin to it without pointing.
            const shape = !placing && editor?.getOnlySelectedShape();
            if (shape && editor) {
              const bounds = editor.getShapeGeometry(shape).bounds;
              setDraft({ shapeId: shape.id, x: bounds.maxX - 12, y: bounds.minY + 12 });
              select(null);
            } else setPlacing(!placing);
          }}
        >
          {placing ? "Cancel" : "+ Comment"}
        </button>
      </div>
      {placing ? (
        <p className="callout" role="status">
          Click on the canvas to pin your comment: on a card to pin it to the card, or anywhere else. Esc cancels.
        </p>
      ) : null}
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}

      {draft ? (
        <section className="thread-detail" aria-label="New comment">
          <p className="muted">New comment on {anchorLabel(editor, draft).text}</p>
          <CommentComposer
            members={members}
            label="Your comment"
            placeholder="What do you think? @mention people to notify them."
            submitLabel="Comment"
            autoFocus
            onCancel={() => setDraft(null)}
            onSubmit={async (body) => {
              const threadId = await act({ intent: "create", shapeId: draft.shapeId, x: draft.x, y: draft.y, body });
              setDraft(null);
              select(threadId);
            }}
          />
        </section>
      ) : selected ? (
        <ThreadDetail key={selected.id} thread={selected} editor={editor} />
      ) : (
        <>
          <div className="thread-filters" role="radiogroup" aria-label="Show">
            {FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                role="radio"
                aria-checked={filter === f.value}
                className={filter === f.value ? "active" : ""}
                onClick={() => setFilter(f.value)}
              >
                {f.label}
              </button>
            ))}
          </div>
          <ThreadList
            threads={threads}
            editor={editor}
            filter={filter}
            me={me}
            members={members}
            onOpen={(t) => select(t.id)}
          />
        </>
      )}
    </aside>
  );
}

function ThreadList({
  threads,
  editor,
  filter,
  me,
  members,
  onOpen,
}: {
  threads: ThreadView[];
  editor: Editor | null;
  filter: ThreadFilter;
  me: string | null;
  members: { id: string; name: string }[];
  onOpen: (thread: ThreadView) => void;
}) {
  const shown = threads.filter((t) =>
    filter === "open" ? !t.resolved : filter === "resolved" ? t.resolved : t.mentionsMe,
  );
  if (shown.length === 0) {
    return (
      <p className="empty">
        {filter === "open"
          ? threads.length
            ? "No open threads. Resolved ones are under Resolved."
            : "No comments yet. Choose + Comment, then click a card or anywhere on the canvas."
          : filter === "resolved"
            ? "No resolved threads."
            : "Nobody has mentioned you here."}
      </p>
    );
  }
  return (
    <ul className="thread-list">
      {shown.map((thread) => {
        const first = thread.comments[0];
        const anchor = anchorLabel(editor, thread);
        return (
          <li key={thread.id}>
            <button type="button" className="thread-item" data-testid="thread-item" onClick={() => onOpen(thread)}>
              <span className="thread-item-head">
                {thread.unread ? <span className="unread-dot" aria-label="Unread" /> : null}
                <strong>{first?.author.name ?? "Someone"}</strong>
                <span className="muted"> · {when(thread.updatedAt)}</span>
                {thread.mentionsMe ? <span className="badge">@ you</span> : null}
                {anchor.orphan ? <span className="badge orphan">orphaned</span> : null}
              </span>
              <CommentText body={first?.body ?? ""} members={members} me={me} />
              <span className="muted thread-item-meta">
                {thread.comments.length} {thread.comments.length === 1 ? "comment" : "comments"} · on {anchor.text}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function ThreadDetail({ thread, editor }: { thread: ThreadView; editor: Editor | null }) {
  const { members, me, select, act } = useComments();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const anchor = anchorLabel(editor, thread);

  // Opening a thread reads it; and brings its pin into view.
  useEffect(() => {
    if (thread.unread) act({ intent: "read", threadId: thread.id }).catch(() => {});
  }, [thread.id, thread.unread, act]);
  const threadId = thread.id;
  const anchorPoint = { shapeId: thread.shapeId, x: thread.x, y: thread.y };
  useEffect(() => {
    if (!editor) return;
    const point = pinPagePoint(editor, anchorPoint);
    if (point && !editor.getViewportPageBounds().containsPoint(point))
      editor.centerOnPoint(point, { animation: { duration: 200 } });
    // Only when another thread is opened, not on every refetch of this one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, threadId]);

  async function run(action: Parameters<typeof act>[0]) {
    setError(null);
    try {
      await act(action);
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work.");
    }
  }

  return (
    <section className="thread-detail" aria-label="Thread" data-testid="thread-detail" data-thread-id={thread.id}>
      <div className="thread-detail-head">
        <button type="button" className="link-button" onClick={() => select(null)}>
          ← All comments
        </button>
        <button
          type="button"
          onClick={() => run({ intent: "resolve", threadId: thread.id, resolved: !thread.resolved })}
        >
          {thread.resolved ? "Reopen" : "✓ Resolve"}
        </button>
      </div>
      <p className="muted">
        On {anchor.text}
        {thread.resolved ? ` · resolved${thread.resolvedByName ? ` by ${thread.resolvedByName}` : ""}` : ""}
      </p>
      {anchor.orphan ? (
        <p className="callout">
          This thread is orphaned: the shape it was pinned to was deleted. You can still read and reply to it.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="comments">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment" data-testid="comment">
            <div className="comment-head">
              <span className="swatch" style={{ background: comment.author.color }} />
              <strong>{comment.author.name}</strong>
              <span className="muted">
                {" "}
                · {when(comment.createdAt)}
                {comment.edited ? " · edited" : ""}
              </span>
            </div>
            {editing === comment.id ? (
              <CommentComposer
                members={members}
                label="Edit your comment"
                placeholder="Edit your comment"
                submitLabel="Save"
                initialBody={comment.body}
                autoFocus
                onCancel={() => setEditing(null)}
                onSubmit={async (body) => {
                  await act({ intent: "edit", commentId: comment.id, body });
                  setEditing(null);
                }}
              />
            ) : (
              <CommentText body={comment.body} members={members} me={me} />
            )}
            {comment.mine && editing !== comment.id ? (
              <div className="comment-actions">
                <button type="button" className="link-button" onClick={() => setEditing(comment.id)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => {
                    if (window.confirm("Delete this comment? This cannot be undone."))
                      void run({ intent: "delete", commentId: comment.id });
                  }}
                >
                  Delete
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <CommentComposer
        members={members}
        label="Reply"
        placeholder={thread.resolved ? "Reply to reopen this thread" : "Reply… @mention people to notify them."}
        submitLabel="Reply"
        onSubmit={async (body) => {
          await act({ intent: "reply", threadId: thread.id, body });
        }}
      />
    </section>
  );
}
