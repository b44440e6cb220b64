import type { DocumentAccess } from "~/auth/authorize.server";
import { ensureDocumentRoom } from "./documents.server";
import { ROOM_KINDS } from "./index";
import { ROOM_KIND_SERVERS } from "./index.server";

/**
 * What a document's page needs besides the person's access: the room made sure of (a wiped
 * sync server heals here), the kind's name, and the page data its server half loads.
 */
export async function openDocument(access: DocumentAccess) {
  const { document } = access;
  await ensureDocumentRoom(document);
  const { page, closed } = await ROOM_KIND_SERVERS[document.kind].loadPage(access);
  return { label: ROOM_KINDS[document.kind].copy.label, page: page as unknown, closed: closed ?? null };
}
