import { lazy, Suspense } from "react";

/**
 * The body of a canvas room. The canvas itself (tldraw and the cost shapes, most of the
 * page's weight) is its own chunk, fetched only when a canvas opens.
 */
const CostCanvas = lazy(() => import("./CostCanvas"));

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
