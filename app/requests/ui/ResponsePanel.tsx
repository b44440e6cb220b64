import { useState, type ReactNode } from "react";
import { formatBytes } from "~/format/numbers";
import type { SentResponse } from "../room-types";

const statusClass = (status: number | null) =>
  status === null ? "bad" : status < 300 ? "good" : status < 400 ? "info" : status < 500 ? "warn" : "bad";

/** How a response body is shown: a plain block unless the page brings an editor (ResponseView.tsx). */
export type BodyViewer = (props: { text: string; contentType: string }) => ReactNode;

const PlainBody: BodyViewer = ({ text }) => (
  <pre className="code-block" aria-label="Response body">
    {text}
  </pre>
);

/**
 * A response (or refusal, or failure): its status, body and headers. Free of CodeMirror and
 * Liveblocks, so the read-only replay page can show it without loading either.
 */
export function ResponsePanel({
  response,
  sending,
  Body = PlainBody,
}: {
  response: SentResponse | null;
  sending?: string | null;
  Body?: BodyViewer;
}) {
  const [tab, setTab] = useState<"body" | "headers">("body");
  if (!response) {
    return (
      <section className="panel response" aria-label="Response" data-testid="response">
        <h2 className="panel-title">Response</h2>
        <p className="empty">
          {sending ?? "Nothing sent yet. Press Send (or Ctrl+Enter in the URL) and everyone here sees the response."}
        </p>
      </section>
    );
  }
  const failed = response.outcome !== "OK";
  return (
    <section className="panel response" aria-label="Response" data-testid="response" data-response-id={response.id}>
      <div className="response-summary">
        <h2 className="panel-title">Response</h2>
        {failed ? (
          <span className={`status-badge bad`} data-testid="response-status">
            {response.outcome === "REFUSED" ? "Refused" : "Failed"}
          </span>
        ) : (
          <span className={`status-badge ${statusClass(response.status)}`} data-testid="response-status">
            {response.status} {response.statusText}
          </span>
        )}
        <span className="muted" data-testid="response-time">
          {response.durationMs} ms
        </span>
        {!failed ? (
          <span className="muted" data-testid="response-size">
            {formatBytes(response.sizeBytes)}
          </span>
        ) : null}
        <span className="muted">
          {response.method} {response.url} · sent by {response.sentBy} at{" "}
          {new Date(response.sentAt).toLocaleTimeString()}
        </span>
        {sending ? (
          <span className="muted" role="status">
            {sending}
          </span>
        ) : null}
      </div>
      {failed ? (
        <p className="form-error" role="alert" data-testid="response-error">
          {response.error}
        </p>
      ) : (
        <>
          <div className="tabs small" role="tablist" aria-label="Response parts">
            <button type="button" role="tab" aria-selected={tab === "body"} onClick={() => setTab("body")}>
              Body
            </button>
            <button type="button" role="tab" aria-selected={tab === "headers"} onClick={() => setTab("headers")}>
              Headers ({response.headers.length})
            </button>
          </div>
          {tab === "body" ? (
            <div className="code-frame" data-testid="response-body">
              <Body text={response.body || "(empty body)"} contentType={response.contentType} />
              {response.bodyTruncated ? (
                <p className="muted hint">
                  The body was cut off for the room; it is {formatBytes(response.sizeBytes)} in full.
                </p>
              ) : null}
            </div>
          ) : (
            <table className="headers-table" data-testid="response-headers">
              <tbody>
                {response.headers.map((h, i) => (
                  <tr key={i}>
                    <th scope="row">{h.name}</th>
                    <td>{h.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
