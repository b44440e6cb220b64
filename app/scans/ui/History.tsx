import { Form, Link } from "@remix-run/react";
import type { JobView } from "~/jobs/queue.server";
import { STATUS } from "./JobProgress";

export type HistoryTarget = {
  id: string;
  kind: "GITHUB" | "ARCHIVE";
  label: string;
  ref: string | null;
  cadence: "WEEKLY" | "MONTHLY" | null;
  nextRunAt: string | null;
  scans: {
    id: string;
    trigger: string;
    commitSha: string | null;
    createdAt: string;
    providersUsed: string[];
    job: JobView;
    changes: { added: string[]; removed: string[] } | null;
  }[];
};

/** Each scanned target with its scans, what changed from one to the next, and its rescan cadence. */
export function History({
  workspaceId,
  targets,
  selectedId,
  canWrite,
  names,
}: {
  workspaceId: string;
  targets: HistoryTarget[];
  selectedId: string | null;
  canWrite: boolean;
  names: Record<string, string>;
}) {
  if (!targets.length)
    return <p className="empty">No scans yet. Connect GitHub and choose a repository, or upload an archive.</p>;
  return (
    <ul className="history">
      {targets.map((t) => (
        <li key={t.id} className="history-target">
          <div className="history-head">
            <strong>{t.label}</strong>
            <span className="muted small">
              {t.kind === "GITHUB" ? `GitHub${t.ref ? ` · ${t.ref}` : ""}` : "archive"}
            </span>
            {t.kind === "GITHUB" && canWrite ? (
              <>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="rescan" />
                  <input type="hidden" name="targetId" value={t.id} />
                  <button type="submit">Rescan</button>
                </Form>
                <Form method="post" className="inline" aria-label={`Automatic rescans of ${t.label}`}>
                  <input type="hidden" name="intent" value="set-cadence" />
                  <input type="hidden" name="targetId" value={t.id} />
                  <label className="inline-field">
                    Rescan{" "}
                    <select
                      name="cadence"
                      defaultValue={t.cadence ?? ""}
                      onChange={(e) => e.currentTarget.form?.requestSubmit()}
                    >
                      <option value="">never</option>
                      <option value="WEEKLY">every week</option>
                      <option value="MONTHLY">every month</option>
                    </select>
                  </label>
                  <noscript>
                    <button type="submit">Save</button>
                  </noscript>
                </Form>
                {t.nextRunAt ? (
                  <span className="muted small">next {new Date(t.nextRunAt).toUTCString().slice(0, 22)}</span>
                ) : null}
              </>
            ) : null}
          </div>
          <ol className="history-scans">
            {t.scans.map((s) => (
              <li key={s.id} className={s.id === selectedId ? "selected" : undefined}>
                <Link
                  to={`/w/${workspaceId}/scans?scan=${s.id}`}
                  aria-current={s.id === selectedId ? "true" : undefined}
                >
                  {new Date(s.createdAt).toUTCString().slice(5, 22)}
                </Link>{" "}
                <span className={`status status-${s.job.status.toLowerCase()}`}>{STATUS[s.job.status]}</span>
                {s.trigger === "schedule" ? <span className="tag muted">scheduled</span> : null}
                {s.commitSha ? <code className="small">{s.commitSha.slice(0, 7)}</code> : null}
                {s.job.status === "SUCCEEDED" ? (
                  <span className="small">
                    {" "}
                    {s.providersUsed.length} provider{s.providersUsed.length === 1 ? "" : "s"}
                  </span>
                ) : null}
                {s.job.status === "FAILED" && s.job.error ? (
                  <span className="small field-error"> {s.job.error}</span>
                ) : null}
                {s.changes && (s.changes.added.length || s.changes.removed.length) ? (
                  <span className="changes small" data-testid="scan-changes">
                    {s.changes.added.map((p) => (
                      <span key={`+${p}`} className="added">
                        {`+${names[p] ?? p}`}
                      </span>
                    ))}
                    {s.changes.removed.map((p) => (
                      <span key={`-${p}`} className="removed">
                        {`−${names[p] ?? p}`}
                      </span>
                    ))}
                  </span>
                ) : s.changes ? (
                  <span className="muted small"> no change</span>
                ) : null}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ul>
  );
}
