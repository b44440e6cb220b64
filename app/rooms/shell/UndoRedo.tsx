import { useCanRedo, useCanUndo, useRedo, useUndo } from "@liveblocks/react";
import { useEffect } from "react";

/**
 * Undo and redo of your own changes to the room (Liveblocks' per-user history), with
 * buttons and Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl+Y. Editors with their own history (marked
 * data-own-undo, e.g. collaborative text) keep the keys for themselves.
 */
export function UndoRedo() {
  const undo = useUndo();
  const redo = useRedo();
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.target instanceof Element && event.target.closest("[data-own-undo]")) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        redo();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [undo, redo]);

  return (
    <div className="undo-redo" role="group" aria-label="History">
      <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        ↶ Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        ↷ Redo
      </button>
    </div>
  );
}
