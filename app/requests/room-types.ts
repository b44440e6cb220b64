/**
 * What a request room holds besides the request being edited (request-draft.ts has its
 * rows and auth): environments, and what only the server writes after deciding (the
 * response everyone sees, the history of sends, chat). The request room's storage
 * (app/kinds/request/storage.ts) is made of these.
 * Secret variables keep their name in the room, never a value: each person's own value is
 * stored encrypted on the server (secrets.server.ts).
 */
export type EnvironmentVariable = { id: string; name: string; value: string; secret: boolean };

export type SentResponse = {
  id: string;
  outcome: "OK" | "REFUSED" | "FAILED";
  method: string;
  url: string;
  status: number | null;
  statusText: string;
  error: string | null;
  headers: { name: string; value: string }[];
  body: string;
  bodyTruncated: boolean;
  contentType: string;
  durationMs: number;
  sizeBytes: number;
  sentBy: string;
  sentAt: string;
};

export type HistoryEntry = Pick<
  SentResponse,
  "id" | "outcome" | "method" | "url" | "status" | "error" | "durationMs" | "sentBy" | "sentAt"
>;

export type ChatEntry = { id: string; authorId: string; authorName: string; color: string; text: string; at: string };
