import type { Auth, Row } from "./request-draft";
import type { ChatEntry, EnvironmentVariable, HistoryEntry, SentResponse } from "./room-types";

/**
 * What a recording replays: everything a session showed at one moment. The recorder
 * turns changes into small deltas between keyframes; the replay page applies them.
 * Shared by the server (recording) and the browser (replay), so both read one format.
 */
export type Participant = { id: string; name: string; color: string; role: string };

export type ReplayState = {
  request: {
    method: string;
    url: string;
    bodyType: string;
    environmentId: string | null;
    query: Row[];
    headers: Row[];
    auth: Auth;
  };
  environments: { id: string; name: string; variables: EnvironmentVariable[] }[];
  body: string;
  response: SentResponse | null;
  history: HistoryEntry[];
  chat: ChatEntry[];
  participants: Participant[];
};

/** The parts of the state that come from room storage (the rest: body text, presence). */
export const STORAGE_KEYS = ["request", "environments", "response", "history", "chat"] as const;
export type StorageKey = (typeof STORAGE_KEYS)[number];

/**
 * Deltas, as short as JSON allows (a 60-minute session stores thousands):
 *   ["p", key, fields]   shallow update of an object slice (e.g. the URL of the request)
 *   ["s", key, value]    replace a slice
 *   ["a", key, items]    append to a list slice (chat, history)
 *   ["b", at, del, ins]  body text: at `at`, delete `del` characters, insert `ins`
 *   ["j", participant]   someone joined;  ["l", id]  someone left
 */
export type Delta =
  | ["p", StorageKey, Record<string, unknown>]
  | ["s", StorageKey, unknown]
  | ["a", StorageKey, unknown[]]
  | ["b", number, number, string]
  | ["j", Participant]
  | ["l", string];

export type TimedDelta = [ms: number, delta: Delta];

export function emptyState(): ReplayState {
  return {
    request: {
      method: "GET",
      url: "",
      bodyType: "",
      environmentId: null,
      query: [],
      headers: [],
      auth: { type: "none", token: "", username: "", password: "", keyName: "", keyValue: "", keyIn: "header" },
    },
    environments: [],
    body: "",
    response: null,
    history: [],
    chat: [],
    participants: [],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The deltas that turn one storage snapshot into the next (only what changed). */
export function diffStorage(before: Pick<ReplayState, StorageKey>, after: Pick<ReplayState, StorageKey>): Delta[] {
  const deltas: Delta[] = [];
  for (const key of STORAGE_KEYS) {
    const a = before[key] as unknown;
    const b = after[key] as unknown;
    if (same(a, b)) continue;
    if (Array.isArray(a) && Array.isArray(b) && b.length > a.length && same(a, b.slice(0, a.length))) {
      deltas.push(["a", key, b.slice(a.length)]);
    } else if (isObject(a) && isObject(b) && Object.keys(a).every((k) => k in b)) {
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(b)) if (!same(a[k], v)) fields[k] = v;
      deltas.push(["p", key, fields]);
    } else {
      deltas.push(["s", key, b]);
    }
  }
  return deltas;
}

/** The smallest single edit from one text to another (common prefix and suffix kept). */
export function diffText(before: string, after: string): Delta | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return ["b", start, before.length - start - end, after.slice(start, after.length - end)];
}

/** Applies one delta; returns a new state (the old one is left as it was). */
export function applyDelta(state: ReplayState, delta: Delta): ReplayState {
  switch (delta[0]) {
    case "p":
      return { ...state, [delta[1]]: { ...(state[delta[1]] as object), ...delta[2] } };
    case "s":
      return { ...state, [delta[1]]: delta[2] };
    case "a":
      return { ...state, [delta[1]]: [...(state[delta[1]] as unknown[]), ...delta[2]] };
    case "b": {
      const [, at, del, ins] = delta;
      return { ...state, body: state.body.slice(0, at) + ins + state.body.slice(at + del) };
    }
    case "j":
      return { ...state, participants: [...state.participants.filter((p) => p.id !== delta[1].id), delta[1]] };
    case "l":
      return { ...state, participants: state.participants.filter((p) => p.id !== delta[1]) };
  }
}

/** The state at `ms`: a keyframe plus every delta up to and including that moment. */
export function stateAt(keyframe: ReplayState, deltas: readonly TimedDelta[], ms: number): ReplayState {
  let state = keyframe;
  for (const [at, delta] of deltas) {
    if (at > ms) break;
    state = applyDelta(state, delta);
  }
  return state;
}

/** A one-line description of a delta, for the replay's event list. */
export function describeDelta(delta: Delta): string {
  switch (delta[0]) {
    case "p":
      return delta[1] === "request" ? `edited ${Object.keys(delta[2]).join(", ")}` : `changed ${delta[1]}`;
    case "s":
      return delta[1] === "response" ? "response arrived" : `changed ${delta[1]}`;
    case "a":
      return delta[1] === "chat" ? "chat message" : delta[1] === "history" ? "request sent" : `added to ${delta[1]}`;
    case "b":
      return "edited the body";
    case "j":
      return `${delta[1].name} joined`;
    case "l":
      return "someone left";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
