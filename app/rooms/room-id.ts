import type { RoomKind } from "../../liveblocks.config";

/**
 * One room-id scheme for every kind: `ws_<workspaceId>:<kind>:<documentId>`.
 * The auth endpoint trusts only the document id it parses out, and checks in PostgreSQL
 * that the document is in that workspace, so a forged room id gains nothing.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KINDS: readonly RoomKind[] = ["REQUEST", "AI", "CANVAS", "APPROVALS"];
const ROOM_ID = new RegExp(`^ws_(${UUID}):(request|ai|canvas|approvals):(${UUID})$`);

export function roomIdFor(workspaceId: string, kind: RoomKind, documentId: string): string {
  return `ws_${workspaceId}:${kind.toLowerCase()}:${documentId}`;
}

export function parseRoomId(roomId: string): { workspaceId: string; kind: RoomKind; documentId: string } | null {
  const match = ROOM_ID.exec(roomId);
  if (!match) return null;
  const kind = match[2]!.toUpperCase() as RoomKind;
  if (!KINDS.includes(kind)) return null;
  return { workspaceId: match[1]!, kind, documentId: match[3]! };
}
