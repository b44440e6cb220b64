import { useCallback, useEffect, useRef, useState } from "react";
import { ResponsePanel } from "./ResponsePanel";
import { HistoryRows } from "./HistoryRows";
import { ChatList } from "./ChatList";
import { formatDuration } from "~/format/numbers";
import { describeDelta, stateAt, type ReplayState, type TimedDelta } from "../replay-state";

type Segment = { startMs: number; endMs: number; keyframe: ReplayState; deltas: TimedDelta[] };
type SegmentInfo = { startMs: number; endMs: number; eventCount: number };

const SPEEDS = [0.5, 1, 2, 4, 8, 16];

/**
 * Plays a recording back: the request builder, response, chat and participants as they
 * were at each moment. Seeking loads the one segment (keyframe + deltas) that covers
 * the moment and applies its deltas; segments are cached, and the next one is fetched
 * ahead while playing. Read-only, so it loads neither Liveblocks nor CodeMirror (docs/benchmarks.md).
 */
export function ReplayPlayer({
  segmentsUrl,
  durationMs,
  segments,
}: {
  segmentsUrl: string;
  durationMs: number;
  segments: SegmentInfo[];
}) {
  const cache = useRef(new Map<number, Promise<Segment>>());
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [current, setCurrent] = useState<Segment | null>(null);
  const [error, setError] = useState<string | null>(null);

  const segmentFor = useCallback(
    (ms: number) => {
      let info = segments[0];
      for (const s of segments) if (s.startMs <= ms) info = s;
      if (!info) return null;
      let promise = cache.current.get(info.startMs);
      if (!promise) {
        promise = fetch(`${segmentsUrl}/${info.startMs}`).then(async (r) => {
          if (!r.ok) throw new Error("This part of the recording could not be loaded.");
          return (await r.json()) as Segment;
        });
        promise.catch(() => cache.current.delete(info!.startMs));
        cache.current.set(info.startMs, promise);
      }
      return promise;
    },
    [segments, segmentsUrl],
  );

  useEffect(() => {
    let cancelled = false;
    const promise = segmentFor(position);
    if (!promise) return;
    promise.then(
      (segment) => {
        if (!cancelled) setCurrent((c) => (c?.startMs === segment.startMs ? c : segment));
      },
      (e: Error) => setError(e.message),
    );
    // Fetch the next segment ahead, so playing on does not stall.
    const next = segments.find((s) => s.startMs > position);
    if (playing && next && next.startMs - position < 5000 * speed) void segmentFor(next.startMs)?.catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [position, segmentFor, segments, playing, speed]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const elapsed = (now - last) * speed;
      last = now;
      setPosition((p) => {
        const next = Math.min(durationMs, p + elapsed);
        if (next >= durationMs) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, durationMs]);

  // Before the first keyframe (the recorder was still connecting) the first keyframe is what there was.
  const state = current ? stateAt(current.keyframe, current.deltas, position) : null;
  const events = current
    ? current.deltas
        .filter(([at]) => at <= position)
        .slice(-8)
        .reverse()
    : [];

  return (
    <div className="replay" data-testid="replay">
      <div className="panel replay-controls" role="group" aria-label="Playback">
        <button
          type="button"
          className="primary"
          onClick={() => (position >= durationMs ? (setPosition(0), setPlaying(true)) : setPlaying(!playing))}
          data-testid="replay-play"
        >
          {playing ? "Pause" : position >= durationMs && durationMs > 0 ? "Replay" : "Play"}
        </button>
        <label className="replay-seek">
          <span className="visually-hidden">Position</span>
          <input
            type="range"
            min={0}
            max={Math.max(1, durationMs)}
            step={100}
            value={Math.round(position)}
            onChange={(e) => setPosition(Number(e.target.value))}
            aria-valuetext={formatDuration(position)}
            data-testid="replay-seek"
          />
        </label>
        <span className="muted" data-testid="replay-time">
          {formatDuration(position)} / {formatDuration(durationMs)}
        </span>
        <label className="auth-field inline">
          Speed
          <select aria-label="Speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <div className="replay-markers" aria-hidden>
          {segments.map((s) => (
            <span
              key={s.startMs}
              className="marker"
              style={{
                left: `${(s.startMs / Math.max(1, durationMs)) * 100}%`,
                opacity: Math.min(1, 0.2 + s.eventCount / 50),
              }}
            />
          ))}
        </div>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!state ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="session-layout">
          <div className="session-main">
            <ReplayRequest state={state} />
            <ResponsePanel response={state.response} />
            <section className="panel" aria-label="History">
              <h2 className="panel-title">History</h2>
              {state.history.length ? (
                <HistoryRows entries={[...state.history].reverse()} />
              ) : (
                <p className="empty">Nothing sent yet at this point.</p>
              )}
            </section>
          </div>
          <div className="session-side">
            <section className="panel" aria-label="Participants">
              <h2 className="panel-title">Participants</h2>
              <ul className="participants" data-testid="replay-participants">
                {state.participants.length === 0 ? <li className="empty">Nobody in the room at this point.</li> : null}
                {state.participants.map((p) => (
                  <li key={p.id} data-testid="replay-participant" data-name={p.name}>
                    <span className="dot" style={{ background: p.color }} aria-hidden /> {p.name}
                    {p.role === "GUEST" ? <span className="muted"> (guest)</span> : null}
                  </li>
                ))}
              </ul>
            </section>
            <aside className="panel chat" aria-label="Chat">
              <h2 className="panel-title">Chat</h2>
              <ChatList messages={state.chat} />
            </aside>
            <section className="panel" aria-label="Recent events">
              <h2 className="panel-title">Events</h2>
              <ol className="events" data-testid="replay-events">
                {events.map(([at, delta], i) => (
                  <li key={`${at}-${i}`}>
                    <span className="muted">{formatDuration(at)}</span> {describeDelta(delta)}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

function ReplayRequest({ state }: { state: ReplayState }) {
  const { request } = state;
  const environment = state.environments.find((e) => e.id === request.environmentId);
  const rows = (title: string, list: ReplayState["request"]["query"], testId: string) =>
    list.length ? (
      <table className="headers-table" data-testid={testId}>
        <caption>{title}</caption>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} className={r.enabled ? "" : "disabled"}>
              <th scope="row">{r.name}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null;
  return (
    <section className="panel" aria-label="Request">
      <div className="request-line">
        <span className="method-badge" data-testid="replay-method">
          {request.method}
        </span>
        <code className="replay-url" data-testid="replay-url">
          {request.url || "(no URL yet)"}
        </code>
      </div>
      {rows("Query parameters", request.query, "replay-query")}
      {rows("Headers", request.headers, "replay-headers")}
      {request.auth.type !== "none" ? <p className="muted">Auth: {request.auth.type}</p> : null}
      {environment ? (
        <p className="muted">
          Environment: {environment.name} (
          {environment.variables.map((v) => (v.secret ? `${v.name} (secret)` : `${v.name}=${v.value}`)).join(", ") ||
            "no variables"}
          )
        </p>
      ) : null}
      {request.bodyType || state.body ? (
        <>
          <p className="muted">Body ({request.bodyType || "no type"})</p>
          <pre className="code-block" data-testid="replay-body">
            {state.body}
          </pre>
        </>
      ) : null}
    </section>
  );
}
