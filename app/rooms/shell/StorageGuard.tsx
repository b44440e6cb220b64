import { useRoom, useSelf, useStorage } from "@liveblocks/react/suspense";
import { Component, useMemo, useState, type ReactNode } from "react";
import { storageProblems, type StorageProblem, type StorageSchema } from "../storage-schema";

/**
 * Shows a room's body only while the room's storage matches its kind's schema. Anyone
 * with a write token can put anything into a room; when that breaks what the body reads,
 * everyone in the room sees "this document's live state is damaged" instead of a blank
 * page or an error, and people who may write get a Repair button: the server keeps what is
 * still valid and rebuilds the rest (app/rooms/repair.server.ts). The check runs on every
 * storage change and only re-checks what changed (storage-schema.ts). A body that throws
 * anyway lands in the same place.
 */
export function StorageGuard({
  schema,
  repairUrl,
  children,
}: {
  schema: StorageSchema;
  repairUrl: string;
  children: ReactNode;
}) {
  const room = useRoom();
  // Any change gives a new snapshot: the trigger to check again.
  const snapshot = useStorage((root) => root);
  const problems = useMemo(
    () => (snapshot ? storageProblems(schema, room.getStorageSnapshot()) : []),
    [schema, room, snapshot],
  );
  if (problems.length > 0) return <DamagedRoom problems={problems} repairUrl={repairUrl} />;
  return (
    <BodyErrorBoundary resetKey={snapshot} repairUrl={repairUrl}>
      {children}
    </BodyErrorBoundary>
  );
}

function DamagedRoom({ problems, repairUrl }: { problems: StorageProblem[]; repairUrl: string }) {
  const canWrite = useSelf((me) => me.canWrite);
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });

  async function repair() {
    setState({ busy: true, message: "Repairing…", failed: false });
    const response = await fetch(repairUrl, { method: "POST", headers: { Accept: "application/json" } }).catch(
      () => null,
    );
    const body = (await response?.json().catch(() => null)) as { error?: string } | null;
    if (response?.ok) {
      // The repaired storage arrives through the room, and the body comes back with it.
      setState({ busy: false, message: "Repaired. If this stays here, press Repair again.", failed: false });
    } else {
      setState({
        busy: false,
        message: body?.error ?? "The repair did not go through: check your connection and try again.",
        failed: true,
      });
    }
  }

  return (
    <section className="callout damaged-room" role="alert" data-testid="room-damaged">
      <h2>This document&apos;s live state is damaged</h2>
      <p>
        Something put data into this room that the page cannot show, so it shows this instead. What the workspace keeps
        on the server (sent requests, chat, AI answers, comments) is safe.
      </p>
      <details>
        <summary>What is wrong</summary>
        <ul data-testid="room-problems">
          {problems.map((p) => (
            <li key={`${p.path}:${p.problem}`}>
              <code>{p.path}</code> {p.problem}
            </li>
          ))}
        </ul>
      </details>
      {canWrite ? (
        <p>
          <button type="button" className="primary" onClick={() => void repair()} disabled={state.busy}>
            {state.busy ? "Repairing…" : "Repair"}
          </button>{" "}
          <span className="muted">
            Keeps what is still valid, and rebuilds the rest from the server&apos;s records.
          </span>
        </p>
      ) : (
        <p className="muted">Ask someone who can edit this document to repair it.</p>
      )}
      {state.message ? (
        <p className={state.failed ? "form-error" : "muted"} role={state.failed ? "alert" : "status"}>
          {state.message}
        </p>
      ) : null}
    </section>
  );
}

/** A body that throws shows the damaged state too (with its error), and tries again on the next change. */
class BodyErrorBoundary extends Component<
  { resetKey: unknown; repairUrl: string; children: ReactNode },
  { error: Error | null; resetKey: unknown }
> {
  override state: { error: Error | null; resetKey: unknown } = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey: unknown },
    state: { error: Error | null; resetKey: unknown },
  ): Partial<{ error: Error | null; resetKey: unknown }> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <DamagedRoom
        problems={[{ path: "storage", problem: `could not be shown (${this.state.error.message})` }]}
        repairUrl={this.props.repairUrl}
      />
    );
  }
}
