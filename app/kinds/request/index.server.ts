import { activeGuestGrant, type DocumentAccess } from "~/auth/authorize.server";
import { admitMembers } from "~/auth/room-admission";
import { env } from "~/config/env.server";
import { startRecorderSoon } from "~/requests/recorder.server";
import { requestRoomFromDatabase } from "~/requests/room-writes.server";
import { takeSeat } from "~/requests/seats.server";
import { NOT_ADMITTED, type RoomKindServer } from "~/rooms/kind";
import { loadSessionPage, type SessionPageData } from "./page.server";

/**
 * A request room admits the workspace's members and the session's guests (people who
 * joined by code, docs/decisions/010), at most SESSION_MAX_PARTICIPANTS at once, and is
 * recorded by the server from the first token on (docs/decisions/012).
 */
export const requestServer: RoomKindServer<DocumentAccess, SessionPageData> = {
  async admit({ user, document, memberRole }) {
    const guest = !memberRole && (await activeGuestGrant(user.id, document.id)) !== null;
    if (!memberRole && !guest) return NOT_ADMITTED;
    const seat = await takeSeat(document.roomId, user.id);
    if (!seat.ok) {
      const max = env().SESSION_MAX_PARTICIPANTS;
      return {
        refused: {
          status: 403,
          message: `This session is full: at most ${max} people can be in it at once. Try again when someone leaves.`,
        },
      };
    }
    startRecorderSoon(document.id);
    // Guests edit, send and chat like members inside their one session.
    return guest ? { role: "GUEST", access: "write" } : admitMembers(memberRole);
  },

  async loadPage(access) {
    const page = await loadSessionPage(access);
    const closed = page.full
      ? {
          heading: "This session is full",
          message: `At most ${page.maxParticipants} people can be in ${access.document.title} at once. Try again when someone leaves.`,
        }
      : undefined;
    return { page, closed };
  },

  rebuildFromDatabase: (document) => requestRoomFromDatabase(document.id),
  jobs: [],
};
