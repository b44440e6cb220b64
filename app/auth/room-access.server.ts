import { prisma } from "~/db/client.server";
import type { DocumentKind } from "~/generated/prisma/enums";
import { NO_SUCH_ROOM } from "~/rooms/kind";
import type { RoomRole } from "~/rooms/presence";
import { parseRoomId } from "~/rooms/room-id";
import type { RoomAccess } from "~/rooms/room-permissions.server";
import { activeGuestGrant } from "./authorize.server";
import { can } from "./permissions";

export type RoomAdmission =
  | { ok: false; status: 404; body: string }
  | {
      ok: true;
      document: { id: string; kind: DocumentKind; title: string; workspaceId: string; roomId: string };
      role: RoomRole;
      access: RoomAccess;
    };

/**
 * Whether someone may still be in a room, and how, as PostgreSQL says now, taking nothing
 * (no session seat): the lease check of an open page (api.room-lease) and a cut's check
 * (./access-cut.server.ts) ask this. Members of the room's workspace and a request session's
 * guests, as the kinds admit them at the token (app/kinds/room-access.server.ts); read only
 * while the workspace or the document is archived. Unknown and others' rooms: the same 404.
 */
export async function roomAdmission(user: { id: string }, roomId: string): Promise<RoomAdmission> {
  const notFound = { ok: false as const, status: 404 as const, body: JSON.stringify({ error: NO_SUCH_ROOM }) };
  const document = await findRoomDocument(user.id, roomId);
  if (!document) return notFound;
  const role = document.memberRole ?? ((await activeGuestGrant(user.id, document.id)) ? ("GUEST" as const) : null);
  if (!role) return notFound;
  const writes = role === "GUEST" || can(role, "write");
  return {
    ok: true,
    document: {
      id: document.id,
      kind: document.kind,
      title: document.title,
      workspaceId: document.workspaceId,
      roomId,
    },
    role,
    access: archivedAccess(writes ? "write" : "read", document),
  };
}

/**
 * The document a room id names, with the person's role in its workspace (null: not a member)
 * and whether it is archived; null for a malformed id or one that does not match its document.
 */
export async function findRoomDocument(userId: string, roomId: string) {
  const parsed = parseRoomId(roomId);
  if (!parsed) return null;
  const document = await prisma.document.findUnique({
    where: { roomId },
    select: {
      id: true,
      kind: true,
      title: true,
      roomId: true,
      workspaceId: true,
      archivedAt: true,
      workspace: { select: { archivedAt: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  if (!document || document.id !== parsed.documentId || document.workspaceId !== parsed.workspaceId) return null;
  return { ...document, memberRole: document.workspace.memberships[0]?.role ?? null };
}

/** Archived workspaces and documents are read-only for everyone, in their rooms too. */
export function archivedAccess(
  access: RoomAccess,
  document: { archivedAt: Date | null; workspace: { archivedAt: Date | null } },
): RoomAccess {
  return document.archivedAt || document.workspace.archivedAt ? "read" : access;
}
