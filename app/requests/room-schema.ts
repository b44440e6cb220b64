import * as z from "zod/mini";
import { liveList, liveObject } from "~/rooms/storage-schema";

/**
 * The collaborative parts of a request room, as their schema: what people edit (the
 * request and its environments). The request kind's storage schema is made of these and
 * the parts only the server writes (app/kinds/request/storage.ts); the session recorder
 * records these parts only while they match (recorder.server.ts).
 */
const row = liveObject({ id: z.string(), enabled: z.boolean(), name: z.string(), value: z.string() });

export const requestFieldsSchema = liveObject({
  method: z.string(),
  url: z.string(),
  bodyType: z.string(),
  environmentId: z.nullable(z.string()),
  query: liveList(row),
  headers: liveList(row),
  auth: liveObject({
    type: z.enum(["none", "bearer", "basic", "apikey"]),
    token: z.string(),
    username: z.string(),
    password: z.string(),
    keyName: z.string(),
    keyValue: z.string(),
    keyIn: z.enum(["header", "query"]),
  }),
});

export const environmentsSchema = liveList(
  liveObject({
    id: z.string(),
    name: z.string(),
    variables: liveList(liveObject({ id: z.string(), name: z.string(), value: z.string(), secret: z.boolean() })),
  }),
);
