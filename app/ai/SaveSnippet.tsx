import { useId, useState } from "react";
import { LANGUAGES, LANGUAGE_IDS, type LanguageId } from "~/codegen/languages";

/** Saves one code block of a thread as a private snippet of the workspace. */
export function SaveSnippet({
  workspaceId,
  code,
  language,
  apiSlug,
  onClose,
}: {
  workspaceId: string;
  code: string;
  language: LanguageId;
  apiSlug: string | null;
  onClose: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [lang, setLang] = useState<LanguageId>(language);
  const [state, setState] = useState<{ busy: boolean; error?: string; saved?: { shareId: string } }>({ busy: false });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true });
    const res = await fetch(`/w/${workspaceId}/snippets/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title, language: lang, apiSlug, code }),
    }).catch(() => null);
    const data = res ? await res.json().catch(() => ({})) : {};
    if (!res?.ok) setState({ busy: false, error: data.error ?? "Could not save the snippet. Try again." });
    else setState({ busy: false, saved: { shareId: data.shareId } });
  }

  if (state.saved) {
    return (
      <div className="save-snippet" role="status">
        Saved as a private snippet. <a href={`/s/${state.saved.shareId}`}>Open it</a> to run, share or make it public.{" "}
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  return (
    <form className="save-snippet" onSubmit={save} aria-label="Save as snippet">
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={120}
        required
        autoFocus
        placeholder="e.g. Create a PaymentIntent"
      />
      <label htmlFor={`${id}-lang`}>Language</label>
      <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as LanguageId)}>
        {LANGUAGE_IDS.map((l) => (
          <option key={l} value={l}>
            {LANGUAGES[l].label}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={state.busy}>
        {state.busy ? "Saving…" : "Save snippet"}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {state.error ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
