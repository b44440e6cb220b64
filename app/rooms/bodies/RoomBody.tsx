import type { RoomKind } from "../../../liveblocks.config";
import { AiChatBody } from "~/ai/AiChatBody";
import type { AiRoomData } from "~/ai/room-data.server";
import { RequestPlaceholderBody } from "./RequestPlaceholderBody";
import { ScratchpadBody } from "./ScratchpadBody";

/** What a room body may need from the page's loader, by kind. */
export type RoomBodyData = { workspaceId: string; documentId: string; ai: AiRoomData | null };

/** The body of a room by its kind. Each capability replaces its kind's placeholder here. */
export function RoomBody({ kind, data }: { kind: RoomKind; data: RoomBodyData }) {
  switch (kind) {
    case "REQUEST":
      return <RequestPlaceholderBody />;
    case "AI":
      return data.ai ? <AiChatBody ai={data.ai} workspaceId={data.workspaceId} documentId={data.documentId} /> : null;
    case "CANVAS":
      return <ScratchpadBody hint="Notes for this cost canvas. The shared canvas arrives with cost intelligence." />;
    case "APPROVALS":
      return <ScratchpadBody hint="Notes for this approval board. Approval workflows arrive with governance." />;
  }
}
