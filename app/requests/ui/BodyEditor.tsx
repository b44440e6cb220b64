import { json } from "@codemirror/lang-json";
import { useMutation, useSelf, useStorage } from "@liveblocks/react/suspense";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo } from "react";
import { yCollab } from "y-codemirror.next";
import * as Y from "yjs";
import { BODY_TYPES } from "../request-draft";
import { useBodyText } from "./use-body-text";

/**
 * The body: CodeMirror bound to the room's Y.Text, so two people typing at once both
 * keep their text, with each other's carets shown. Undo is Yjs's, per person; the
 * wrapper is marked data-own-undo so the room's Ctrl+Z leaves it alone.
 */
export function BodyEditor({ canWrite }: { canWrite: boolean }) {
  const bodyType = useStorage((root) => root.request?.bodyType ?? "");
  const setBodyType = useMutation(({ storage }, value: string) => storage.get("request")?.set("bodyType", value), []);
  const me = useSelf((self) => self.info);
  const { provider, text, synced } = useBodyText();

  const collab = useMemo(() => {
    provider.awareness.setLocalStateField("user", { name: me.name, color: me.color, colorLight: `${me.color}33` });
    return yCollab(text, provider.awareness, { undoManager: new Y.UndoManager(text) });
  }, [provider, text, me.name, me.color]);
  const initial = useMemo(() => (synced ? text.toString() : ""), [synced, text]);
  const extensions = useMemo(() => [collab, ...(bodyType.includes("json") ? [json()] : [])], [collab, bodyType]);

  return (
    <div className="body-editor">
      <label className="auth-field">
        Body type
        <select
          aria-label="Body type"
          value={bodyType}
          disabled={!canWrite}
          onChange={(e) => setBodyType(e.target.value)}
        >
          {BODY_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
          {BODY_TYPES.some((t) => t.value === bodyType) ? null : <option value={bodyType}>{bodyType}</option>}
        </select>
      </label>
      {bodyType === "" ? (
        <p className="muted hint">
          This request has no body. Choose a type to write one (GET and HEAD never send a body).
        </p>
      ) : null}
      {!synced ? (
        <p className="muted">Loading the body…</p>
      ) : (
        <div data-own-undo data-testid="body-editor" className="code-frame" hidden={bodyType === ""}>
          <CodeMirror
            value={initial}
            extensions={extensions}
            editable={canWrite}
            readOnly={!canWrite}
            basicSetup={{ history: false, historyKeymap: false, foldGutter: false }}
            minHeight="160px"
            maxHeight="480px"
            aria-label="Request body"
          />
        </div>
      )}
    </div>
  );
}
