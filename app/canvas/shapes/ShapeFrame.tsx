import { REFRESH_SECONDS } from "../cost-bindings";
import { useCostDataStatus } from "../CostDataProvider";
import { formatTime } from "../format";

/** The card every cost shape is drawn in: a title, the body, and how fresh the numbers are. */
export function ShapeFrame({
  testId,
  title,
  subtitle,
  children,
}: {
  testId: string;
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  const { asOf, error } = useCostDataStatus();
  return (
    <div className="cost-shape" data-testid={testId} aria-label={title}>
      <div className="cost-shape-title">
        <strong>{title}</strong>
        {subtitle ? <span className="cost-shape-subtitle">{subtitle}</span> : null}
      </div>
      <div className="cost-shape-body">{children}</div>
      <div
        className={`cost-shape-footer${error ? " stale" : ""}`}
        title={error ?? `Numbers refresh every ${REFRESH_SECONDS} seconds`}
      >
        {error ? "⚠ not refreshed · " : ""}
        {asOf ? `as of ${formatTime(asOf)}` : "loading…"}
      </div>
    </div>
  );
}

export function ShapeMessage({ children }: { children: React.ReactNode }) {
  return <p className="cost-shape-message">{children}</p>;
}
