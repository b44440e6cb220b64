import { DocumentKind } from "~/generated/prisma/enums";

/**
 * One room-id scheme for every kind: `ws_<workspaceId>:<kind>:<documentId>`.
 * The auth endpoint trusts only the document id it parses out, and checks in PostgreSQL
 * that the document is in that workspace, so a forged room id gains nothing.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KINDS = Object.values(DocumentKind);
const ROOM_ID = new RegExp(`^ws_(${UUID}):(${KINDS.map((k) => k.toLowerCase()).join("|")}):(${UUID})$`);

export function roomIdFor(workspaceId: string, kind: DocumentKind, documentId: string): string {
  return `ws_${workspaceId}:${kind.toLowerCase()}:${documentId}`;
}

export function parseRoomId(roomId: string): { workspaceId: string; kind: DocumentKind; documentId: string } | null {
  const match = ROOM_ID.exec(roomId);
  if (!match) return null;
  return { workspaceId: match[1]!, kind: match[2]!.toUpperCase() as DocumentKind, documentId: match[3]! };
}
