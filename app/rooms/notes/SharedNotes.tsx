import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { EditorsBadge, useEditing } from "../shell/useEditing";

/** Shared notes (notes-storage.ts), with who is typing in them; read-only for viewers. */
export function SharedNotes({ hint }: { hint: string }) {
  const text = useStorage((root) => root.scratchpad?.text ?? "");
  const setText = useMutation(({ storage }, value: string) => storage.get("scratchpad")?.set("text", value), []);
  const { canWrite, editors, focusProps } = useEditing("scratchpad");
  return (
    <section className="panel" aria-labelledby="scratchpad-label">
      <div className="panel-heading">
        <label id="scratchpad-label" htmlFor="scratchpad">
          Shared notes
        </label>
        <EditorsBadge editors={editors} />
      </div>
      <p className="muted">{hint}</p>
      <textarea
        id="scratchpad"
        data-testid="scratchpad"
        rows={10}
        value={text}
        readOnly={!canWrite}
        placeholder={
          canWrite ? "Type here; everyone in the room sees it as you type." : "Only members can edit these notes."
        }
        onChange={(event) => setText(event.target.value)}
        {...focusProps}
      />
    </section>
  );
}
