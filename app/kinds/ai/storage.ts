import { LiveList, LiveObject } from "@liveblocks/client";
import * as z from "zod/mini";
import type { AiChatMessage, AiComposer } from "~/ai/room-types";
import { initialSharedNotes, sharedNotesSchema, type SharedNotesStorage } from "~/rooms/notes/notes-storage";
import { liveList, liveObject, type SchemaCovers } from "~/rooms/storage-schema";

/**
 * An AI chat room: the shared composer choices, the thread the server streams answers into
 * (app/ai; a repair rebuilds it from PostgreSQL), and the room's shared notes.
 */
export type AiRoomStorage = SharedNotesStorage & {
  composer: LiveObject<AiComposer>;
  messages: LiveList<LiveObject<AiChatMessage>>;
};

const mode = z.enum(["GENERATE", "EXPLAIN", "DEBUG"]);

export const aiStorageSchema = liveObject({
  ...sharedNotesSchema,
  composer: liveObject({ mode, language: z.string(), apiSlug: z.nullable(z.string()) }),
  messages: liveList(
    liveObject({
      id: z.string(),
      role: z.enum(["user", "assistant"]),
      mode,
      language: z.string(),
      apiSlug: z.nullable(z.string()),
      authorName: z.string(),
      content: z.string(),
      chunks: liveList(z.string()),
      code: z.nullable(z.string()),
      errorText: z.nullable(z.string()),
      status: z.enum(["streaming", "complete", "error"]),
      failure: z.nullable(z.string()),
      source: z.enum(["claude", "spec"]),
      usage: z.nullable(
        z.object({ model: z.string(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }),
      ),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
  ),
});

export type AiSchemaCoversStorage = SchemaCovers<typeof aiStorageSchema, AiRoomStorage>;
true satisfies AiSchemaCoversStorage;

export function initialAiStorage(): AiRoomStorage {
  return {
    ...initialSharedNotes(),
    composer: new LiveObject<AiComposer>({ mode: "GENERATE", language: "typescript", apiSlug: null }),
    messages: new LiveList<LiveObject<AiChatMessage>>([]),
  };
}
