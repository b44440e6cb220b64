import { lazy, Suspense } from "react";
import type { AiRoomData } from "~/ai/room-data.server";
import { CanvasBody, preloadCanvas } from "~/canvas/CanvasBody";
import type { SessionPageData } from "~/requests/session-page.server";
import type { RoomKind } from "../../../liveblocks.config";
import { ScratchpadBody } from "./ScratchpadBody";

/** What a room body may need to know of its document from the page's loader, by kind. */
export type RoomBodyContext = {
  workspaceId: string;
  documentId: string;
  /** The document page's URL, which the body's own endpoints hang off. */
  base: string;
  tldrawLicenseKey: string | null;
  /** A request room's session: codes, guests, seats, environments (null for other kinds). */
  session: SessionPageData | null;
  /** An AI room's thread, quota and choices (null for other kinds). */
  ai: AiRoomData | null;
};

/*
 * Each kind's body is its own chunk, so a room page downloads only its own kind's code (a
 * request room has no use for the AI chat's sandbox, an approval board for either's editors).
 * The canvas loads its tldraw chunk lazily itself (CanvasBody).
 */
const loadRequestBody = () => import("~/requests/ui/RequestSessionBody");
const RequestSessionBody = lazy(() => loadRequestBody().then((m) => ({ default: m.RequestSessionBody })));
const loadAiBody = () => import("~/ai/AiChatBody");
const AiChatBody = lazy(() => loadAiBody().then((m) => ({ default: m.AiChatBody })));

/** The body of a room by its kind. Each capability replaces its kind's placeholder here. */
export function RoomBody({ kind, context }: { kind: RoomKind; context: RoomBodyContext }) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      <BodyOfKind kind={kind} context={context} />
    </Suspense>
  );
}

function BodyOfKind({ kind, context }: { kind: RoomKind; context: RoomBodyContext }) {
  switch (kind) {
    case "REQUEST":
      return context.session ? <RequestSessionBody session={context.session} base={context.base} /> : null;
    case "AI":
      return context.ai ? (
        <AiChatBody ai={context.ai} workspaceId={context.workspaceId} documentId={context.documentId} />
      ) : null;
    case "CANVAS":
      return (
        <CanvasBody
          workspaceId={context.workspaceId}
          documentId={context.documentId}
          licenseKey={context.tldrawLicenseKey}
        />
      );
    case "APPROVALS":
      return <ScratchpadBody hint="Notes for this approval board. Approval workflows arrive with governance." />;
  }
}

/**
 * What of the shared shell a kind uses. A canvas has its own cursors (tldraw's, fed from
 * room presence) and its own undo history (tldraw's, per person), so the shell's would
 * only fight them.
 */
export function shellFeaturesFor(kind: RoomKind): { cursors: boolean; history: boolean } {
  return kind === "CANVAS" ? { cursors: false, history: false } : { cursors: true, history: true };
}

/** Starts fetching a kind's lazily loaded body before the room has connected. */
export function preloadBodyFor(kind: RoomKind) {
  if (kind === "REQUEST") void loadRequestBody();
  else if (kind === "AI") void loadAiBody();
  else if (kind === "CANVAS") preloadCanvas();
}
