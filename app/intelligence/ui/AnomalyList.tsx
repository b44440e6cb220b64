import { Form, Link, useNavigation } from "@remix-run/react";
import { formatUsd } from "~/format/numbers";
import type { AnomalyView } from "../anomalies.server";
import { KIND_LABELS } from "../detectors/types";
import { describeTopContributor, DIMENSION_LABELS } from "../root-cause";

/**
 * The anomalies found, newest first: what, where, when, by how much, what caused it, and
 * (for people who may change things) "expected" or "a real problem" as feedback.
 */
const when = (iso: string, granularity: "day" | "hour") =>
  new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(granularity === "hour" ? { hour: "2-digit", minute: "2-digit" } : {}),
    timeZone: "UTC",
  });

export function AnomalyList({
  anomalies,
  selectedId,
  canGiveFeedback,
}: {
  anomalies: readonly AnomalyView[];
  selectedId: string | null;
  canGiveFeedback: boolean;
}) {
  const navigation = useNavigation();
  if (anomalies.length === 0)
    return (
      <p className="empty">
        No anomalies. Detection watches every subscription, team, cost center, API key and operation, daily and hourly,
        once it has five weeks of history; send usage through the ingestion API and this fills in.
      </p>
    );
  return (
    <ul className="anomaly-list">
      {anomalies.map((a) => {
        const cause = describeTopContributor(a.rootCause);
        const change = a.expectedUsd > 0 ? a.actualUsd / a.expectedUsd : null;
        return (
          <li
            key={a.id}
            className={`anomaly ${a.severity} ${a.id === selectedId ? "selected" : ""} ${a.status.toLowerCase()}`}
            data-testid="anomaly"
            data-series={a.seriesLabel}
          >
            <div className="anomaly-head">
              <span className={`severity ${a.severity}`}>{a.severity === "critical" ? "Critical" : "Warning"}</span>
              <Link to={`?anomaly=${a.id}#chart`} preventScrollReset>
                {KIND_LABELS[a.kind]} in <strong>{a.seriesLabel}</strong>
              </Link>
              <span className="muted">
                {a.granularity === "day" ? "daily" : "hourly"} · {when(a.startedAt, a.granularity)}
                {a.endedAt !== a.startedAt ? ` to ${when(a.endedAt, a.granularity)}` : ""}
                {a.open ? " · still going on" : ""}
              </span>
            </div>
            <p className="anomaly-figures">
              {formatUsd(a.actualUsd, "rounded")} spent against {formatUsd(a.expectedUsd, "rounded")} expected
              {change !== null ? ` (${change >= 1 ? `${change.toFixed(1)}×` : `${Math.round(change * 100)}%`})` : ""}
              {cause ? <span className="muted"> · {cause}</span> : null}
            </p>
            {a.rootCause.length > 1 ? (
              <details>
                <summary>What contributed</summary>
                <ul className="contributors">
                  {a.rootCause.map((c) => (
                    <li key={`${c.dimension}:${c.value}`}>
                      {c.label} <span className="muted">({DIMENSION_LABELS[c.dimension]})</span>:{" "}
                      {c.deltaUsd >= 0 ? "+" : "−"}
                      {formatUsd(Math.abs(c.deltaUsd), "rounded")}, {Math.round(c.share * 100)}%
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {a.status !== "NEW" ? (
              <p className="muted feedback-given">
                {a.status === "DISMISSED"
                  ? "Dismissed as expected: this series is now less sensitive."
                  : "Confirmed as a real problem: this series is now more sensitive."}
              </p>
            ) : null}
            {canGiveFeedback ? (
              <Form method="post" className="feedback" preventScrollReset>
                <input type="hidden" name="intent" value="feedback" />
                <input type="hidden" name="anomalyId" value={a.id} />
                <button
                  type="submit"
                  name="verdict"
                  value="expected"
                  disabled={a.status === "DISMISSED" || navigation.state !== "idle"}
                >
                  Expected, dismiss
                </button>
                <button
                  type="submit"
                  name="verdict"
                  value="confirmed"
                  disabled={a.status === "CONFIRMED" || navigation.state !== "idle"}
                >
                  Real problem
                </button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
