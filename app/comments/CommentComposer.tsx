import { useId, useRef, useState } from "react";
import { MAX_COMMENT_LENGTH } from "./limits";
import { mentionQueryAt } from "./mentions";
import type { Member } from "./CommentsProvider";

/**
 * A comment box with @mention suggestions from the workspace's members: type "@" and a
 * few letters, pick with the arrow keys and Enter (or Tab), or click. Ctrl/⌘+Enter sends.
 */
export function CommentComposer({
  members,
  label,
  placeholder,
  submitLabel,
  initialBody = "",
  autoFocus,
  onSubmit,
  onCancel,
}: {
  members: readonly Member[];
  label: string;
  placeholder: string;
  submitLabel: string;
  initialBody?: string;
  autoFocus?: boolean;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const suggestions = query
    ? members
        .filter(
          (m) =>
            m.name
              .toLowerCase()
              .split(/\s+/)
              .some((part) => part.startsWith(query.query.toLowerCase())) ||
            m.name.toLowerCase().startsWith(query.query.toLowerCase()),
        )
        .slice(0, 6)
    : [];

  function update(value: string, caret: number) {
    setBody(value);
    setQuery(mentionQueryAt(value, caret));
    setActive(0);
  }

  function pick(member: Member) {
    if (!query || !textarea.current) return;
    const caret = textarea.current.selectionStart;
    const next = `${body.slice(0, query.start)}@${member.name} ${body.slice(caret)}`;
    const position = query.start + member.name.length + 2;
    setBody(next);
    setQuery(null);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
    });
  }

  async function submit() {
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(body.trim());
      setBody("");
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((i) => (i + (event.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(suggestions[active]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && onCancel) {
      onCancel();
    }
  }

  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className="composer-field">
        <textarea
          id={id}
          ref={textarea}
          value={body}
          rows={3}
          maxLength={MAX_COMMENT_LENGTH}
          placeholder={placeholder}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-controls={suggestions.length ? `${id}-mentions` : undefined}
          aria-activedescendant={suggestions.length ? `${id}-mention-${active}` : undefined}
          onChange={(event) => update(event.target.value, event.target.selectionStart)}
          onKeyDown={onKeyDown}
        />
        {suggestions.length ? (
          <ul className="mention-suggestions" role="listbox" id={`${id}-mentions`} aria-label="Mention someone">
            {suggestions.map((member, i) => (
              <li
                key={member.id}
                id={`${id}-mention-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(member);
                }}
              >
                <span className="swatch" style={{ background: member.color }} /> {member.name}
                {member.role === "VIEWER" ? <span className="muted"> · viewer</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="composer-actions">
        <span className="muted composer-hint">@ to mention · Ctrl+Enter to send</span>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={busy || !body.trim()}>
          {busy ? "Sending…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
