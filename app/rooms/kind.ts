import type { Lson, LsonObject } from "@liveblocks/client";
import type { ReactNode } from "react";
import type { DocumentKind, Role } from "~/generated/prisma/enums";
import type { JobDefinition } from "~/jobs/define.server";
import type { RoomRole } from "./presence";
import type { StorageSchema } from "./storage-schema";

/**
 * What a room kind is: the contract every folder under app/kinds/ fulfils, in two halves.
 * The browser half (RoomKind) is what a room page needs to show the room; the server half
 * (RoomKindServer) decides who may join, loads the page's data, and knows what of the room
 * PostgreSQL can rebuild. docs/room-kinds.md says how to add one.
 */
export type RoomKind<Storage extends LsonObject, Page> = {
  kind: DocumentKind;
  /** How the app names the kind: in the room's header, the create menu and the workspace's columns. */
  copy: { label: string; plural: string; blurb: string; icon: string };
  /** A body that draws its own cursors, or keeps its own undo history, turns the shell's off. */
  shell: { cursors: boolean; history: boolean };
  /** What the room's storage must look like; checked before the body reads it, and before a repair. */
  storageSchema: StorageSchema;
  /** The storage a new room starts with (written by the server when the document is created). */
  initialStorage: () => Storage;
  /** The body, a chunk of its own: a room page downloads only its own kind's code. */
  loadBody: () => Promise<{ default: (props: RoomBodyProps<Page>) => ReactNode }>;
};

export type RoomBodyProps<Page> = {
  workspaceId: string;
  documentId: string;
  /** The document page's URL, which the kind's own endpoints hang off. */
  base: string;
  /** What the kind's server half loaded for the page. */
  page: Page;
};

/** Who joins a room, and with which access; or why not. */
export type Admission =
  { role: RoomRole; access: "write" | "read" } | { refused: { status: 403 | 404; message: string } };

export const NO_SUCH_ROOM = "No such room, or you are not a member of its workspace.";

/** The same refusal for a room that does not exist and one you may not see. */
export const NOT_ADMITTED: Admission = { refused: { status: 404, message: NO_SUCH_ROOM } };

export type AdmissionRequest = {
  user: { id: string; name: string };
  document: { id: string; roomId: string; workspaceId: string };
  /** The person's role in the document's workspace, or null for someone outside it. */
  memberRole: Role | null;
};

/**
 * The server half. `Access` is the page's authorization (who, which document, which role),
 * given by the route that checked it.
 */
export type RoomKindServer<Access, Page> = {
  /** Who may join the room (a token from /api/liveblocks-auth), and with which access. */
  admit: (request: AdmissionRequest) => Promise<Admission>;
  /** The page's data besides the room; `closed` keeps the room shut with a reason (a full session). */
  loadPage: (access: Access) => Promise<{ page: Page; closed?: { heading: string; message: string } }>;
  /**
   * The fields of the room's storage that PostgreSQL holds the truth of, rebuilt from it
   * (a repair writes them whole). Every other field is collaborative: a repair keeps what is
   * still valid of it and falls back to the initial storage for the rest.
   */
  rebuildFromDatabase: (document: { id: string; roomId: string }) => Promise<Record<string, Lson>>;
  /** Background jobs of this kind, run by every app server's workers. */
  jobs: readonly JobDefinition[];
};
