import { LiveList, LiveObject } from "@liveblocks/client";
import * as z from "zod/mini";
import { EMPTY_AUTH, type Auth, type Row } from "~/requests/request-draft";
import type { ChatEntry, EnvironmentVariable, HistoryEntry, SentResponse } from "~/requests/room-types";
import { environmentsSchema, requestFieldsSchema } from "~/requests/room-schema";
import { liveList, liveObject, type SchemaCovers } from "~/rooms/storage-schema";

/**
 * A request room (a testing session). People edit `request` and `environments`; the body
 * is collaborative text in the room's Yjs document (Y.Text "body"). `response`, `history`
 * and `chat` are written only by the server, after it decided (sending, chat), and a
 * repair rebuilds them from PostgreSQL.
 */
export type RequestRoomStorage = {
  request: LiveObject<{
    method: string;
    url: string;
    bodyType: string;
    environmentId: string | null;
    query: LiveList<LiveObject<Row>>;
    headers: LiveList<LiveObject<Row>>;
    auth: LiveObject<Auth>;
  }>;
  environments: LiveList<
    LiveObject<{ id: string; name: string; variables: LiveList<LiveObject<EnvironmentVariable>> }>
  >;
  response: LiveObject<{ current: SentResponse | null }>;
  history: LiveList<HistoryEntry>;
  chat: LiveList<ChatEntry>;
};

const outcome = z.enum(["OK", "REFUSED", "FAILED"]);
const historyEntry = z.object({
  id: z.string(),
  outcome,
  method: z.string(),
  url: z.string(),
  status: z.nullable(z.number()),
  error: z.nullable(z.string()),
  durationMs: z.number(),
  sentBy: z.string(),
  sentAt: z.string(),
});

export const requestStorageSchema = liveObject({
  request: requestFieldsSchema,
  environments: environmentsSchema,
  response: liveObject({
    current: z.nullable(
      z.object({
        ...historyEntry.def.shape,
        statusText: z.string(),
        headers: z.array(z.object({ name: z.string(), value: z.string() })),
        body: z.string(),
        bodyTruncated: z.boolean(),
        contentType: z.string(),
        sizeBytes: z.number(),
      }),
    ),
  }),
  history: liveList(historyEntry),
  chat: liveList(
    z.object({
      id: z.string(),
      authorId: z.string(),
      authorName: z.string(),
      color: z.string(),
      text: z.string(),
      at: z.string(),
    }),
  ),
});

export type RequestSchemaCoversStorage = SchemaCovers<typeof requestStorageSchema, RequestRoomStorage>;
true satisfies RequestSchemaCoversStorage;

/** An empty GET, one environment, no response yet. */
export function initialRequestStorage(): RequestRoomStorage {
  const environmentId = crypto.randomUUID();
  return {
    request: new LiveObject({
      method: "GET",
      url: "",
      bodyType: "",
      environmentId,
      query: new LiveList<LiveObject<Row>>([]),
      headers: new LiveList<LiveObject<Row>>([]),
      auth: new LiveObject({ ...EMPTY_AUTH }),
    }),
    environments: new LiveList([
      new LiveObject({
        id: environmentId,
        name: "Default",
        variables: new LiveList<LiveObject<EnvironmentVariable>>([]),
      }),
    ]),
    response: new LiveObject<{ current: SentResponse | null }>({ current: null }),
    history: new LiveList<HistoryEntry>([]),
    chat: new LiveList<ChatEntry>([]),
  };
}
