import { shallow } from "@liveblocks/react";
import { useSelf } from "@liveblocks/react/suspense";
import { getAssetUrlsByImport } from "@tldraw/assets/imports.vite";
import { useState } from "react";
import { Tldraw, useTldrawCurrentUser, type Editor, type TLComponents } from "tldraw";
import "tldraw/tldraw.css";
import { CommentPins } from "~/comments/CommentPins";
import { CommentsProvider } from "~/comments/CommentsProvider";
import { ThreadPanel } from "~/comments/ThreadPanel";
import { addCostShape, CanvasPalette, SUBSCRIPTION_MIME } from "./CanvasPalette";
import { CanvasStylePanel } from "./CanvasStylePanel";
import { CostDataProvider } from "./CostDataProvider";
import { CostCardShapeUtil } from "./shapes/CostCardShape";
import { CostTotalShapeUtil } from "./shapes/CostTotalShape";
import { COST_CARD } from "./shapes/shape-types";
import { SpendChartShapeUtil } from "./shapes/SpendChartShape";
import { useRoomTldrawStore } from "./useRoomTldrawStore";

/**
 * The cost canvas: a tldraw board synced through the room, with live cost shapes, the
 * subscriptions to drag onto it, and comment threads pinned to its shapes. Loaded lazily
 * (tldraw is most of its weight), only on canvas pages and only in the browser.
 */
const SHAPE_UTILS = [CostCardShapeUtil, SpendChartShapeUtil, CostTotalShapeUtil];
const ASSET_URLS = getAssetUrlsByImport();
const COMPONENTS: TLComponents = { InFrontOfTheCanvas: CommentPins, StylePanel: CanvasStylePanel };

export default function CostCanvas({
  workspaceId,
  documentId,
  licenseKey,
}: {
  workspaceId: string;
  documentId: string;
  licenseKey: string | null;
}) {
  const self = useSelf(
    (me) => ({ id: me.id, name: me.info.name, color: me.info.color, canWrite: me.canWrite }),
    shallow,
  );
  const user = { id: self.id, name: self.name, color: self.color };
  const store = useRoomTldrawStore({ shapeUtils: SHAPE_UTILS, user, canWrite: self.canWrite });
  const tldrawUser = useTldrawCurrentUser({ userPreferences: user });
  const [editor, setEditor] = useState<Editor | null>(null);

  function onDrop(event: React.DragEvent) {
    const subscriptionId = event.dataTransfer.getData(SUBSCRIPTION_MIME);
    if (!subscriptionId || !editor || !self.canWrite) return;
    // Ours, not a file: keep tldraw from handling it as pasted content.
    event.preventDefault();
    event.stopPropagation();
    addCostShape(
      editor,
      { type: COST_CARD, props: { subscriptionId } },
      editor.screenToPage({ x: event.clientX, y: event.clientY }),
    );
  }

  return (
    <CostDataProvider workspaceId={workspaceId}>
      <CommentsProvider workspaceId={workspaceId} documentId={documentId}>
        <div className="canvas-layout">
          <CanvasPalette editor={editor} workspaceId={workspaceId} canWrite={self.canWrite} />
          <div
            className="canvas-stage"
            data-testid="canvas-stage"
            data-ready={editor ? "true" : "false"}
            onDragOverCapture={(event) => {
              if (event.dataTransfer.types.includes(SUBSCRIPTION_MIME) && self.canWrite) {
                event.preventDefault();
                event.stopPropagation();
                event.dataTransfer.dropEffect = "copy";
              }
            }}
            onDropCapture={onDrop}
          >
            {store.status === "error" ? (
              <p className="form-error" role="alert">
                The canvas could not load: {store.error.message}
              </p>
            ) : (
              <Tldraw
                store={store}
                shapeUtils={SHAPE_UTILS}
                user={tldrawUser}
                licenseKey={licenseKey ?? undefined}
                assetUrls={ASSET_URLS}
                components={COMPONENTS}
                onMount={(mounted) => {
                  // Everyone has their own camera: start with the whole board in view.
                  if (mounted.getCurrentPageShapeIds().size > 0) {
                    mounted.zoomToFit();
                    if (mounted.getZoomLevel() > 1) mounted.resetZoom(mounted.getViewportPageBounds().center);
                  }
                  setEditor(mounted);
                  return () => setEditor(null);
                }}
              />
            )}
          </div>
          <ThreadPanel editor={editor} />
        </div>
      </CommentsProvider>
    </CostDataProvider>
  );
}
