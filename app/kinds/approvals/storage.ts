import { initialSharedNotes, sharedNotesSchema, type SharedNotesStorage } from "~/rooms/notes/notes-storage";
import { liveObject, type SchemaCovers } from "~/rooms/storage-schema";

/** An approval board: shared notes, until governance (issue 12) gives it cards written by the server. */
export type ApprovalsRoomStorage = SharedNotesStorage;

export const approvalsStorageSchema = liveObject({ ...sharedNotesSchema });

export type ApprovalsSchemaCoversStorage = SchemaCovers<typeof approvalsStorageSchema, ApprovalsRoomStorage>;
true satisfies ApprovalsSchemaCoversStorage;

export const initialApprovalsStorage = (): ApprovalsRoomStorage => initialSharedNotes();
