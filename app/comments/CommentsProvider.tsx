import { useStorage } from "@liveblocks/react/suspense";
import { useSearchParams } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Role } from "~/generated/prisma/enums";
import type { CommentAction, ThreadView } from "./comments.server";

/**
 * The canvas's comment threads in the browser: fetched from the server (the truth), and
 * fetched again whenever the server's mirror of them in the room changes, i.e. as soon
 * as anyone comments. Also the state the pins (on the canvas) and the thread panel
 * (beside it) share: the selected thread, and a new pin being placed.
 */
export type Member = { id: string; name: string; role: Role; color: string };
export type { ThreadView };
export type Draft = { shapeId: string | null; x: number; y: number };
export type ThreadFilter = "open" | "resolved" | "mentions";

type ThreadsResponse = { threads: ThreadView[]; members: Member[]; me: string };

type CommentsState = {
  threads: ThreadView[];
  members: Member[];
  me: string | null;
  loadError: string | null;
  selectedId: string | null;
  select: (threadId: string | null) => void;
  placing: boolean;
  setPlacing: (placing: boolean) => void;
  draft: Draft | null;
  setDraft: (draft: Draft | null) => void;
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
  /** Sends an action; resolves with the thread it touched, or rejects with a readable message. */
  act: (action: CommentAction) => Promise<string | null>;
};

const Context = createContext<CommentsState | null>(null);

export function CommentsProvider({
  workspaceId,
  documentId,
  children,
}: {
  workspaceId: string;
  documentId: string;
  children: React.ReactNode;
}) {
  const endpoint = `/w/${workspaceId}/d/${documentId}/threads`;
  const [data, setData] = useState<ThreadsResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [searchParams] = useSearchParams();
  const [selectedId, setSelectedId] = useState<string | null>(searchParams.get("thread"));
  const [placing, setPlacing] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [filter, setFilter] = useState<ThreadFilter>("open");

  const reload = useCallback(async () => {
    try {
      const response = await fetch(endpoint, { headers: { Accept: "application/json" } });
      if (!response.ok)
        throw new Error(
          ((await response.json()) as { error?: string }).error ?? `The server answered ${response.status}.`,
        );
      setData((await response.json()) as ThreadsResponse);
      setLoadError(null);
    } catch (error) {
      setLoadError(
        error instanceof Error && error.message !== "Failed to fetch"
          ? error.message
          : "Could not load comments; retrying.",
      );
    }
  }, [endpoint]);

  // The server bumps a thread's revision in the room on every change: refetch then.
  const signature = useStorage((root) => {
    const threads = root.threads;
    if (!threads) return "";
    return Object.entries(threads)
      .map(([id, mirror]) => `${id}:${mirror?.revision ?? 0}`)
      .sort()
      .join(",");
  });
  useEffect(() => {
    // A new comment may mention me: let the notification bell look too.
    void reload().then(() => window.dispatchEvent(new Event("notifications:changed")));
  }, [reload, signature]);
  // A safety net for a mirror write that failed, or a tab that slept.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === "visible" && void reload(), 60_000);
    return () => clearInterval(timer);
  }, [reload]);

  const act = useCallback(
    async (action: CommentAction) => {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(action),
      });
      const body = (await response.json().catch(() => ({}))) as { threadId?: string | null; error?: string };
      if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`);
      await reload();
      window.dispatchEvent(new Event("notifications:changed"));
      return body.threadId ?? null;
    },
    [endpoint, reload],
  );

  const select = useCallback((threadId: string | null) => {
    setSelectedId(threadId);
    if (threadId) {
      setDraft(null);
      setPlacing(false);
    }
  }, []);

  const value = useMemo<CommentsState>(
    () => ({
      threads: data?.threads ?? [],
      members: data?.members ?? [],
      me: data?.me ?? null,
      loadError,
      selectedId,
      select,
      placing,
      setPlacing,
      draft,
      setDraft,
      filter,
      setFilter,
      act,
    }),
    [data, loadError, selectedId, select, placing, draft, filter, act],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useComments() {
  const state = useContext(Context);
  if (!state) throw new Error("useComments needs a CommentsProvider");
  return state;
}
