import { useEffect, useMemo } from "react";
import { stopEventPropagation, useEditor, useValue } from "tldraw";
import { useComments } from "./CommentsProvider";
import { anchorAt, pinPagePoint } from "./pins";

/**
 * Comment pins drawn in front of the canvas (tldraw's InFrontOfTheCanvas slot), at their
 * anchors' screen positions, recomputed as shapes move and the camera pans. While a new
 * comment is being placed, a see-through layer takes the next click.
 */
export function CommentPins() {
  const editor = useEditor();
  const { threads, selectedId, select, placing, setPlacing, draft, setDraft } = useComments();

  const numbered = useMemo(
    () =>
      threads
        .map((thread, i) => ({ thread, number: i + 1 }))
        .filter(({ thread }) => !thread.resolved || thread.id === selectedId),
    [threads, selectedId],
  );
  const pins = useValue(
    "comment pins",
    () =>
      numbered.flatMap(({ thread, number }) => {
        const point = pinPagePoint(editor, thread);
        return point ? [{ thread, number, at: editor.pageToViewport(point) }] : [];
      }),
    [editor, numbered],
  );
  const draftAt = useValue("draft pin", () => (draft ? pinPagePoint(editor, draft) : null), [editor, draft]);
  const draftScreen = useValue("draft pin on screen", () => (draftAt ? editor.pageToViewport(draftAt) : null), [
    editor,
    draftAt,
  ]);

  useEffect(() => {
    if (!placing) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setPlacing(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [placing, setPlacing]);

  return (
    <div className="comment-layer">
      {placing ? (
        <div
          className="comment-placer"
          data-testid="comment-placer"
          role="button"
          aria-label="Click where to pin the comment; on a shape to pin it to the shape. Escape cancels."
          onPointerDown={(event) => {
            stopEventPropagation(event);
            const point = editor.screenToPage({ x: event.clientX, y: event.clientY });
            setDraft(anchorAt(editor, point));
            setPlacing(false);
            select(null);
          }}
        />
      ) : null}
      {pins.map(({ thread, number, at }) => (
        <button
          key={thread.id}
          type="button"
          className={`comment-pin${thread.id === selectedId ? " selected" : ""}${thread.resolved ? " resolved" : ""}`}
          style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
          data-testid="comment-pin"
          data-thread-id={thread.id}
          aria-label={`Comment ${number} by ${thread.comments[0]?.author.name ?? "someone"}${thread.unread ? ", unread" : ""}`}
          aria-pressed={thread.id === selectedId}
          onPointerDown={stopEventPropagation}
          onClick={() => select(thread.id === selectedId ? null : thread.id)}
        >
          <span className="pin-number" style={{ background: thread.comments[0]?.author.color }}>
            {number}
          </span>
          {thread.unread ? <span className="pin-unread" aria-hidden /> : null}
        </button>
      ))}
      {draftScreen ? (
        <span
          className="comment-pin draft"
          style={{ transform: `translate(${draftScreen.x}px, ${draftScreen.y}px)` }}
          data-testid="draft-pin"
          aria-hidden
        >
          <span className="pin-number">+</span>
        </span>
      ) : null}
    </div>
  );
}
