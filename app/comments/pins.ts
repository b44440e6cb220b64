import type { Editor, TLShapeId } from "tldraw";

/**
 * Where a pin is on the page: a point pin is where it was put; a shape pin is an offset
 * in its shape's own space, so it follows the shape as it moves, turns or resizes, and
 * has no place (an orphan) once the shape is deleted.
 */
export type Anchor = { shapeId: string | null; x: number; y: number };

export function pinPagePoint(editor: Editor, anchor: Anchor): { x: number; y: number } | null {
  if (!anchor.shapeId) return { x: anchor.x, y: anchor.y };
  const shape = editor.getShape(anchor.shapeId as TLShapeId);
  if (!shape) return null;
  return editor.getShapePageTransform(shape).applyToPoint({ x: anchor.x, y: anchor.y });
}

/** The anchor for a click at a page point: the topmost shape under it, or the point. */
export function anchorAt(editor: Editor, point: { x: number; y: number }): Anchor {
  const shape = editor.getShapeAtPoint(point, { hitInside: true, margin: 0 });
  if (!shape) return { shapeId: null, x: point.x, y: point.y };
  const local = editor.getPointInShapeSpace(shape, point);
  return { shapeId: shape.id, x: local.x, y: local.y };
}

const SHAPE_NAMES: Record<string, string> = {
  "cost-card": "an API cost card",
  "spend-chart": "a spend chart",
  "cost-total": "a cost total",
  note: "a sticky note",
  text: "a text",
  geo: "a shape",
  arrow: "an arrow",
};

export function anchorLabel(editor: Editor | null, anchor: Anchor): { text: string; orphan: boolean } {
  if (!anchor.shapeId) return { text: "a point on the canvas", orphan: false };
  const shape = editor?.getShape(anchor.shapeId as TLShapeId);
  if (!shape) return { text: "a shape that was deleted", orphan: editor !== null };
  return { text: SHAPE_NAMES[shape.type] ?? "a shape", orphan: false };
}
