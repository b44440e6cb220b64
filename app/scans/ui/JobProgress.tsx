import { formatCount } from "~/format/numbers";
import { Form, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { JobView } from "~/jobs/queue.server";

/**
 * A running scan's progress (files done out of total, what it is doing), polled from the
 * job endpoint every second; when the job ends the page reloads its data once.
 */
export function JobProgress({ job, scanId, canCancel }: { job: JobView; scanId: string; canCancel: boolean }) {
  const fetcher = useFetcher<{ job: JobView }>();
  const revalidator = useRevalidator();
  const current = fetcher.data?.job ?? job;
  const active = current.status === "QUEUED" || current.status === "RUNNING";
  const load = useRef(fetcher.load);
  load.current = fetcher.load;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => load.current(`/api/jobs/${job.id}`), 1000);
    return () => clearInterval(timer);
  }, [active, job.id]);

  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active && revalidator.state === "idle") revalidator.revalidate();
    wasActive.current = active;
  }, [active, revalidator]);

  const pct = current.progressTotal ? Math.round((current.progressDone / current.progressTotal) * 100) : null;
  return (
    <div className="job-progress" data-status={current.status} data-testid="scan-progress">
      <div className="job-progress-line">
        <strong>{STATUS[current.status]}</strong>
        <span className="muted" aria-live="polite">
          {current.status === "FAILED" ? current.error : current.message}
          {current.progressTotal
            ? ` ${formatCount(current.progressDone)} / ${formatCount(current.progressTotal)} files`
            : ""}
        </span>
        {active && canCancel ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="scanId" value={scanId} />
            <button type="submit" disabled={current.cancelRequested}>
              {current.cancelRequested ? "Cancelling…" : "Cancel scan"}
            </button>
          </Form>
        ) : null}
      </div>
      {active ? (
        <progress max={100} value={pct ?? undefined} aria-label="Scan progress">
          {pct ?? 0}%
        </progress>
      ) : null}
    </div>
  );
}

export const STATUS: Record<JobView["status"], string> = {
  QUEUED: "Waiting",
  RUNNING: "Scanning",
  SUCCEEDED: "Done",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};
