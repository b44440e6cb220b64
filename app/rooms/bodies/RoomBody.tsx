import type { RoomKind } from "../../../liveblocks.config";
import { RequestPlaceholderBody } from "./RequestPlaceholderBody";
import { ScratchpadBody } from "./ScratchpadBody";

/** The body of a room by its kind. Each capability replaces its kind's placeholder here. */
export function RoomBody({ kind }: { kind: RoomKind }) {
  switch (kind) {
    case "REQUEST":
      return <RequestPlaceholderBody />;
    case "AI":
      return <ScratchpadBody hint="Notes for this AI chat. Prompting Claude arrives with the AI playground." />;
    case "CANVAS":
      return <ScratchpadBody hint="Notes for this cost canvas. The shared canvas arrives with cost intelligence." />;
    case "APPROVALS":
      return <ScratchpadBody hint="Notes for this approval board. Approval workflows arrive with governance." />;
  }
}
