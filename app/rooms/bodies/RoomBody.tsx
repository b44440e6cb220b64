import { RequestSessionBody } from "~/requests/ui/RequestSessionBody";
import type { SessionPageData } from "~/sessions/session-page.server";
import type { RoomKind } from "../../../liveblocks.config";
import { ScratchpadBody } from "./ScratchpadBody";

/** The body of a room by its kind. Each capability replaces its kind's placeholder here. */
export function RoomBody({ kind, session, base }: { kind: RoomKind; session?: SessionPageData | null; base: string }) {
  switch (kind) {
    case "REQUEST":
      return session ? <RequestSessionBody session={session} base={base} /> : null;
    case "AI":
      return <ScratchpadBody hint="Notes for this AI chat. Prompting Claude arrives with the AI playground." />;
    case "CANVAS":
      return <ScratchpadBody hint="Notes for this cost canvas. The shared canvas arrives with cost intelligence." />;
    case "APPROVALS":
      return <ScratchpadBody hint="Notes for this approval board. Approval workflows arrive with governance." />;
  }
}
