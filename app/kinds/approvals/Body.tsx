import type { RoomBodyProps } from "~/rooms/kind";
import { SharedNotes } from "~/rooms/notes/SharedNotes";

/** The approval board's body until governance (issue 12) replaces it: the room's shared notes. */
export default function ApprovalsRoomBody(_props: RoomBodyProps<null>) {
  return <SharedNotes hint="Notes for this approval board. Approval workflows arrive with governance." />;
}
