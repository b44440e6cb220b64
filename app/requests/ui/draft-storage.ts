import { LiveList, LiveObject } from "@liveblocks/client";
import type * as Y from "yjs";
import { EMPTY_AUTH, type RequestDraft } from "../request-draft";

/**
 * Between the room and a plain draft: what Send and Export read, and what Import and
 * "reopen from history" write (all fields in one storage batch, so one undo step).
 */
type Root = LiveObject<Liveblocks["Storage"]>;

export function readDraft(root: Root, body: Y.Text): RequestDraft | null {
  const request = root.get("request")?.toJSON();
  if (!request) return null;
  return {
    method: request.method,
    url: request.url,
    query: [...request.query],
    headers: [...request.headers],
    auth: { ...EMPTY_AUTH, ...request.auth },
    bodyType: request.bodyType,
    body: body.toString(),
  };
}

export function readEnvironment(root: Root) {
  const request = root.get("request");
  const id = request?.get("environmentId");
  const environment = root
    .get("environments")
    ?.toJSON()
    .find((e) => e.id === id);
  return environment
    ? {
        id: environment.id,
        name: environment.name,
        variables: environment.variables.map(({ name, value, secret }) => ({ name, value, secret })),
      }
    : null;
}

export function writeDraft(root: Root, body: Y.Text, draft: RequestDraft) {
  const request = root.get("request");
  if (!request) return;
  request.set("method", draft.method);
  request.set("url", draft.url);
  request.set("bodyType", draft.bodyType);
  request.set("query", new LiveList(draft.query.map((row) => new LiveObject(row))));
  request.set("headers", new LiveList(draft.headers.map((row) => new LiveObject(row))));
  request.set("auth", new LiveObject({ ...EMPTY_AUTH, ...draft.auth }));
  body.doc?.transact(() => {
    body.delete(0, body.length);
    body.insert(0, draft.body);
  });
}
