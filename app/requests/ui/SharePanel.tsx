import { Link } from "@remix-run/react";
import { useState } from "react";
import { formatDuration } from "~/format/numbers";
import { postJson } from "./post-json";

export type CodeRow = {
  id: string;
  hint: string;
  expiresAt: string;
  createdById: string | null;
  createdBy: string;
  guests: number;
};
export type RecordingRow = {
  id: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number;
  eventCount: number;
};

/**
 * Sharing the session: codes (shown once when made, with a link) that let signed-in
 * people join, the list of open codes, and revoking them. Codes stop working when they
 * expire or are revoked, and the guests who joined with a revoked code lose access.
 */
export function SharePanel({
  base,
  me,
  initialCodes,
  maxParticipants,
}: {
  base: string;
  me: { id: string; canManage: boolean };
  initialCodes: CodeRow[];
  maxParticipants: number;
}) {
  const [codes, setCodes] = useState(initialCodes);
  const [lifetime, setLifetime] = useState("24h");
  const [created, setCreated] = useState<{ code: string; link: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    const result = await postJson<{ code: string; link: string; expiresAt: string; codes: CodeRow[] }>(
      `${base}/codes`,
      { intent: "create", lifetime },
    );
    if (!result.ok) return setError(result.error);
    setError(null);
    setCreated(result.data);
    setCodes(result.data.codes);
  }
  async function revoke(codeId: string) {
    const result = await postJson<{ codes: CodeRow[] }>(`${base}/codes`, { intent: "revoke", codeId });
    if (!result.ok) return setError(result.error);
    setCodes(result.data.codes);
    if (created && !result.data.codes.some((c) => created.code.endsWith(c.hint))) setCreated(null);
  }

  return (
    <section className="panel share" aria-label="Share this session">
      <h2 className="panel-title">Share this session</h2>
      <p className="muted hint">
        Anyone signed in can join with a code: people outside this workspace join this one session as guests. At most{" "}
        {maxParticipants} people at once.
      </p>
      <div className="row-fields">
        <label className="auth-field">
          Works for
          <select aria-label="Code lifetime" value={lifetime} onChange={(e) => setLifetime(e.target.value)}>
            <option value="1h">1 hour</option>
            <option value="24h">24 hours</option>
            <option value="7d">7 days</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void create()}>
          New session code
        </button>
      </div>
      {created ? (
        <div className="notice" role="status">
          <p>
            Code:{" "}
            <strong className="session-code" data-testid="session-code">
              {created.code}
            </strong>{" "}
            (shown only now)
          </p>
          <p>
            Link: <code data-testid="session-link">{created.link}</code>{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => void navigator.clipboard?.writeText(created.link)}
            >
              Copy link
            </button>
          </p>
        </div>
      ) : null}
      {codes.length ? (
        <ul className="codes">
          {codes.map((c) => (
            <li key={c.id}>
              <code>····-····-{c.hint}</code> by {c.createdBy} · until {new Date(c.expiresAt).toLocaleString()} ·{" "}
              {c.guests} guest{c.guests === 1 ? "" : "s"}
              {c.createdById === me.id || me.canManage ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void revoke(c.id)}
                  aria-label={`Revoke code ending ${c.hint}`}
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No open codes.</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export function RecordingsList({ base, recordings }: { base: string; recordings: RecordingRow[] }) {
  return (
    <section className="panel" aria-label="Recordings">
      <h2 className="panel-title">Recordings</h2>
      {recordings.length === 0 ? (
        <p className="empty">Every session is recorded by the server. Replays of past activity appear here.</p>
      ) : (
        <ul className="recordings">
          {recordings.map((r) => (
            <li key={r.id}>
              <Link to={`${base}/replay/${r.id}`} data-testid="recording-link">
                {new Date(r.startedAt).toLocaleString()}
              </Link>{" "}
              <span className="muted">
                {formatDuration(r.durationMs)} · {r.eventCount} event{r.eventCount === 1 ? "" : "s"}
                {r.endedAt ? "" : " · recording now"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
