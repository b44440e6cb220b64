import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import {
  bindingKey,
  MAX_BINDINGS_PER_REQUEST,
  REFRESH_SECONDS,
  type CostBinding,
  type CostDataResponse,
} from "./cost-bindings";

/**
 * Fresh numbers for every cost shape on the canvas. Shapes say what they are bound to;
 * this store fetches all bindings in one request, again every REFRESH_SECONDS while the
 * tab is visible and as soon as it becomes visible again, and shows when the numbers
 * were read. Bindings a new shape adds are fetched right away.
 */
type Result = CostDataResponse["results"][string];
type Status = { asOf: string | null; error: string | null; loading: boolean };

class CostDataStore {
  private bindings = new Map<string, { binding: CostBinding; users: number }>();
  private results = new Map<string, Result>();
  private status: Status = { asOf: null, error: null, loading: false };
  private listeners = new Set<() => void>();
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly endpoint: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (key: string) => this.results.get(key);
  getStatus = () => this.status;

  /** A shape starts (or stops) showing a binding. */
  use(binding: CostBinding): () => void {
    const key = bindingKey(binding);
    const entry = this.bindings.get(key) ?? { binding, users: 0 };
    entry.users++;
    this.bindings.set(key, entry);
    if (!this.results.has(key)) this.schedule(false);
    return () => {
      entry.users--;
      if (entry.users === 0) this.bindings.delete(key);
    };
  }

  /** Fetches everything (`all`) or only bindings without numbers yet, soon, once. */
  schedule(all: boolean) {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.fetch(all), all ? 0 : 30);
  }

  private async fetch(all: boolean) {
    const wanted = [...this.bindings].filter(([key]) => all || !this.results.has(key)).map(([, e]) => e.binding);
    if (wanted.length === 0) return;
    this.setStatus({ loading: true });
    try {
      for (let i = 0; i < wanted.length; i += MAX_BINDINGS_PER_REQUEST) {
        const q = JSON.stringify(wanted.slice(i, i + MAX_BINDINGS_PER_REQUEST));
        const response = await fetch(`${this.endpoint}?${new URLSearchParams({ q })}`, {
          headers: { Accept: "application/json" },
        });
        const body = (await response.json()) as CostDataResponse | { error: string };
        if (!response.ok || "error" in body)
          throw new Error("error" in body ? body.error : `The server answered ${response.status}.`);
        for (const [key, result] of Object.entries(body.results)) this.results.set(key, result);
        this.setStatus({ asOf: body.asOf, error: null });
      }
    } catch (error) {
      this.setStatus({
        error:
          error instanceof Error && error.message !== "Failed to fetch"
            ? error.message
            : "Could not reach the server; showing the last numbers.",
      });
    } finally {
      this.setStatus({ loading: false });
    }
  }

  private setStatus(patch: Partial<Status>) {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }
}

const Context = createContext<CostDataStore | null>(null);

export function CostDataProvider({ workspaceId, children }: { workspaceId: string; children: React.ReactNode }) {
  const [store] = useState(() => new CostDataStore(`/w/${workspaceId}/costs`));
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") store.schedule(true);
    }, REFRESH_SECONDS * 1000);
    const onVisible = () => document.visibilityState === "visible" && store.schedule(true);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [store]);
  return <Context.Provider value={store}>{children}</Context.Provider>;
}

function useStore() {
  const store = useContext(Context);
  if (!store) throw new Error("Cost shapes need a CostDataProvider");
  return store;
}

/** The numbers for one binding (undefined until the first answer). */
export function useCostData(binding: CostBinding) {
  const store = useStore();
  const key = bindingKey(binding);
  // Keyed by the binding's value, not its identity: shapes rebuild the object on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `binding`
  useEffect(() => store.use(binding), [store, key]);
  return useSyncExternalStore(
    store.subscribe,
    () => store.get(key),
    () => undefined,
  );
}

export function useCostDataStatus() {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getStatus, store.getStatus);
}

/** Ask for fresh numbers now (e.g. the "Refresh" button). */
export function useRefreshCostData() {
  const store = useStore();
  return () => store.schedule(true);
}
