import { LiveObject } from "@liveblocks/client";
import * as z from "zod/mini";
import { liveObject } from "../storage-schema";

/**
 * Shared notes: a text everyone in the room edits, which any kind may give its room
 * (the AI chat keeps decisions there; the approval board, until governance lands, is one).
 */
export type SharedNotesStorage = { scratchpad: LiveObject<{ text: string }> };

export const sharedNotesSchema = { scratchpad: liveObject({ text: z.string() }) };

export function initialSharedNotes(): SharedNotesStorage {
  return { scratchpad: new LiveObject({ text: "" }) };
}
