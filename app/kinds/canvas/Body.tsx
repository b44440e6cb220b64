import { lazy, Suspense } from "react";
import "~/canvas/canvas.css";
import "~/comments/comments.css";
import type { RoomBodyProps } from "~/rooms/kind";
import type { CanvasPage } from "./page";

/**
 * The body of a canvas room. The canvas itself (tldraw and the cost shapes, most of the
 * page's weight) is a chunk of its own, fetched together with this body (see ./index.ts).
 */
const CostCanvas = lazy(() => import("~/canvas/CostCanvas"));

export default function CanvasRoomBody({ page, workspaceId, documentId }: RoomBodyProps<CanvasPage>) {
  return (
    <Suspense
      fallback={
        <p className="muted canvas-loading" role="status">
          Loading the canvas…
        </p>
      }
    >
      <CostCanvas workspaceId={workspaceId} documentId={documentId} licenseKey={page.tldrawLicenseKey} />
    </Suspense>
  );
}
