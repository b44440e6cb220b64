import { lazy, Suspense } from "react";

/**
 * The body of a canvas room. The canvas itself (tldraw and the cost shapes, most of the
 * page's weight) is its own chunk, fetched only when a canvas opens, and as early as the
 * page knows it is one (preloadCanvas), so it downloads while the room connects.
 */
const loadCostCanvas = () => import("./CostCanvas");
const CostCanvas = lazy(loadCostCanvas);

export function preloadCanvas() {
  void loadCostCanvas();
}

export function CanvasBody(props: { workspaceId: string; documentId: string; licenseKey: string | null }) {
  return (
    <Suspense
      fallback={
        <p className="muted canvas-loading" role="status">
          Loading the canvas…
        </p>
      }
    >
      <CostCanvas {...props} />
    </Suspense>
  );
}
