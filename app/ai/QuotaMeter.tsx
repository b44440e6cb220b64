import { useEffect, useState } from "react";
import type { QuotaSummary } from "./quota";
import { formatUsd } from "~/format/numbers";

/**
 * Today's generations used and left, when they reset, and this month's cost: what
 * people asked peers for most (a visible meter and the cost of each generation).
 */
function untilReset(resetAt: string, now: number) {
  const minutes = Math.max(0, Math.round((new Date(resetAt).getTime() - now) / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

export function QuotaMeter({
  workspaceId,
  initial,
  refreshKey,
}: {
  workspaceId: string;
  initial: QuotaSummary;
  refreshKey: number;
}) {
  const [quota, setQuota] = useState(initial);
  useEffect(() => {
    if (refreshKey === 0) return;
    const controller = new AbortController();
    fetch(`/w/${workspaceId}/ai/quota`, { signal: controller.signal })
      .then((res) => (res.ok ? res.json() : null))
      .then((data: QuotaSummary | null) => data && setQuota(data))
      .catch(() => {});
    return () => controller.abort();
  }, [workspaceId, refreshKey]);

  const share = quota.limit ? Math.min(1, quota.used / quota.limit) : 0;
  return (
    <section className="panel quota" aria-labelledby="quota-heading" data-testid="quota-meter">
      <h2 id="quota-heading">Your AI use today</h2>
      {quota.limit === null ? (
        <p>
          <strong data-testid="quota-used">{quota.used}</strong> generations today · unlimited on the{" "}
          {quota.tier.toLowerCase()} plan
        </p>
      ) : (
        <>
          <meter
            min={0}
            max={quota.limit}
            value={quota.used}
            low={quota.limit * 0.7}
            high={quota.limit * 0.9}
            optimum={0}
            aria-label="Generations used today"
            className={share >= 1 ? "full" : ""}
          />
          <p>
            <strong data-testid="quota-used">{quota.used}</strong> of {quota.limit} used ·{" "}
            <strong data-testid="quota-left">{quota.left}</strong> left · resets at 00:00 UTC (in{" "}
            {untilReset(quota.resetAt, Date.now())})
          </p>
        </>
      )}
      <p className="muted">
        This month: <strong data-testid="quota-month-cost">{formatUsd(quota.monthCostUsd)}</strong> for your{" "}
        {quota.monthGenerations} generations · your organisation {formatUsd(quota.organizationMonthCostUsd)}
      </p>
    </section>
  );
}
