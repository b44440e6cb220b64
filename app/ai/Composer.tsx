import { LiveObject } from "@liveblocks/client";
import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { useId, useState } from "react";
import type { AiComposer } from "./room-types";
import { LANGUAGES, LANGUAGE_IDS } from "~/codegen/languages";
import { useEditing } from "~/rooms/shell/useEditing";

/**
 * Asking the thread a question. Mode, language and API are shared in the room (the team
 * agrees on what it is asking about); the text being typed stays yours until sent.
 */
const DEFAULTS: AiComposer = { mode: "GENERATE", language: "typescript", apiSlug: null };
const MODES = [
  { id: "GENERATE", label: "Generate", hint: "Describe the call; get code." },
  { id: "EXPLAIN", label: "Explain", hint: "Paste code; get an explanation." },
  { id: "DEBUG", label: "Debug", hint: "Paste code and its error; get a fix." },
] as const;

type AskError = { message: string; resetAt?: string; fieldErrors?: Record<string, string> };

export function Composer({
  askUrl,
  apis,
  aiEnabled,
}: {
  askUrl: string;
  apis: { slug: string; name: string }[];
  aiEnabled: boolean;
}) {
  const id = useId();
  const shared = useStorage((root) => root.composer ?? null) ?? DEFAULTS;
  const setShared = useMutation(({ storage }, patch: Partial<AiComposer>) => {
    const composer = storage.get("composer");
    if (composer) composer.update(patch);
    else storage.set("composer", new LiveObject({ ...DEFAULTS, ...patch }));
  }, []);
  const { canWrite, focusProps } = useEditing("ai.composer");
  const [prompt, setPrompt] = useState("");
  const [code, setCode] = useState("");
  const [errorText, setErrorText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AskError | null>(null);

  if (!canWrite) {
    return <p className="callout">Viewers follow the thread live but can't ask. Ask an admin for member access.</p>;
  }

  async function ask(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(askUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          mode: shared.mode,
          language: shared.language,
          apiSlug: shared.apiSlug ?? "",
          prompt,
          code,
          errorText,
        }),
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok)
        setError({
          message: data.error ?? `The question was refused (${res.status}).`,
          resetAt: data.resetAt,
          fieldErrors: data.fieldErrors,
        });
      else {
        setPrompt("");
        setCode("");
        setErrorText("");
      }
    } catch {
      setError({ message: "Could not reach the server. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  const mode = MODES.find((m) => m.id === shared.mode) ?? MODES[0];
  return (
    <form className="composer panel" onSubmit={ask} aria-label="Ask Claude">
      <div className="composer-row">
        <fieldset className="mode-tabs">
          <legend className="visually-hidden">Mode</legend>
          {MODES.map((m) => (
            <label key={m.id} className={m.id === shared.mode ? "active" : ""}>
              <input
                type="radio"
                name="mode"
                value={m.id}
                checked={m.id === shared.mode}
                onChange={() => setShared({ mode: m.id })}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        <label>
          Language
          <select value={shared.language} onChange={(e) => setShared({ language: e.target.value })}>
            {LANGUAGE_IDS.map((l) => (
              <option key={l} value={l}>
                {LANGUAGES[l].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          API
          <select value={shared.apiSlug ?? ""} onChange={(e) => setShared({ apiSlug: e.target.value || null })}>
            <option value="">No API</option>
            {apis.map((api) => (
              <option key={api.slug} value={api.slug}>
                {api.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        {mode.hint}
        {!aiEnabled ? " AI is off on this server: generate writes request code from the API's OpenAPI spec." : ""}
      </p>
      <label htmlFor={`${id}-prompt`} className="visually-hidden">
        {shared.mode === "GENERATE" ? "What should the code do?" : "Your question (optional)"}
      </label>
      <textarea
        id={`${id}-prompt`}
        data-testid="ai-prompt"
        rows={shared.mode === "GENERATE" ? 3 : 2}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        placeholder={
          shared.mode === "GENERATE"
            ? "e.g. Create a PaymentIntent for 42 USD and confirm it"
            : "Anything in particular? (optional)"
        }
        maxLength={4000}
        {...focusProps}
      />
      {shared.mode !== "GENERATE" ? (
        <>
          <label htmlFor={`${id}-code`}>Code</label>
          <textarea
            id={`${id}-code`}
            data-testid="ai-code"
            rows={6}
            className="mono"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={20000}
          />
        </>
      ) : null}
      {shared.mode === "DEBUG" ? (
        <>
          <label htmlFor={`${id}-error`}>Error</label>
          <textarea
            id={`${id}-error`}
            data-testid="ai-error"
            rows={3}
            className="mono"
            value={errorText}
            onChange={(e) => setErrorText(e.target.value)}
            maxLength={8000}
          />
        </>
      ) : null}
      <div className="composer-row">
        <button type="submit" className="primary" disabled={busy} data-testid="ai-ask">
          {busy ? "Sending…" : `Ask (${mode.label.toLowerCase()})`}
        </button>
        <span className="muted">Everyone in this chat sees the answer as it is written.</span>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="ai-ask-error">
          {error.message}
          {error.resetAt ? ` (resets ${new Date(error.resetAt).toLocaleString()})` : ""}
        </p>
      ) : null}
    </form>
  );
}
