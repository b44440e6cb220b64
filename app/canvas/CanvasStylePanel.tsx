import { DefaultStylePanel, useEditor, useValue, type TLUiStylePanelProps } from "tldraw";
import { COST_SHAPE_TYPES } from "./shapes/shape-types";

/**
 * tldraw's style panel, only when there is something to style: cost shapes have no
 * styles, and on a canvas of cards an always-open panel would hide part of the board.
 */
export function CanvasStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor();
  const relevant = useValue(
    "style panel relevant",
    () => {
      if (editor.getIsReadonly()) return false;
      if (!["select", "hand", "laser", "zoom"].includes(editor.getCurrentToolId())) return true;
      return editor.getSelectedShapes().some((shape) => !COST_SHAPE_TYPES.includes(shape.type));
    },
    [editor],
  );
  return relevant ? <DefaultStylePanel {...props} /> : null;
}
