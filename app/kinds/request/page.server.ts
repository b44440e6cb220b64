import type { DocumentAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { env } from "~/config/env.server";
import { catalogForImport } from "~/requests/import-export.server";
import { listMySecrets, orgKeyNamesFor } from "~/requests/secrets.server";
import { listSessionCodes } from "~/requests/session-codes.server";
import { listRecordings } from "~/requests/recordings.server";
import { hasRoomFor } from "~/requests/seats.server";

/**
 * What a request session's page needs besides its room: my own (masked) secrets, and
 * for workspace members the session's codes, its recordings and the catalog to import
 * from. Guests get none of the workspace's things.
 */
export async function loadSessionPage(access: DocumentAccess) {
  const { user, guest, role, document } = access;
  const member = !guest;
  const [full, mySecrets, codes, recordings, catalog, orgKeys] = await Promise.all([
    hasRoomFor(document.roomId, user.id).then((room) => !room),
    listMySecrets(user.id, document.id),
    member && can(role, "write") ? listSessionCodes(document.id) : Promise.resolve([]),
    member ? listRecordings(document.id) : Promise.resolve([]),
    member ? catalogForImport() : Promise.resolve([]),
    // Names only (never values): Send asks for a confirmation before using one (guests never do).
    member ? orgKeyNamesFor(access.workspace.organizationId) : Promise.resolve([]),
  ]);
  return {
    me: {
      id: user.id,
      name: user.name,
      guest,
      canManage: member && can(role, "manage"),
      canShare: member && can(role, "write"),
    },
    mySecrets,
    codes,
    recordings: recordings.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
    })),
    catalog,
    orgKeys,
    maxParticipants: env().SESSION_MAX_PARTICIPANTS,
    full,
  };
}

export type SessionPageData = Awaited<ReturnType<typeof loadSessionPage>>;
