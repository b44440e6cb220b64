import { formatCount, formatUsd } from "~/format/numbers";
import type { Analysis } from "../analysis.server";
import type { Backtest } from "../backtest";

/**
 * The estimated monthly cost per provider as bars, every line and assumption under each bar,
 * and the backtest: the same forecast made for last month from the days before it, next to
 * what last month was billed.
 */

export function CostBreakdown({ analysis }: { analysis: Analysis }) {
  const priced = analysis.costs.filter((c) => c.monthlyEstimate !== null);
  const max = Math.max(1, ...priced.map((c) => c.monthlyEstimate ?? 0));
  const backtests = analysis.costs.flatMap((c) => (c.backtest ? [c.backtest] : []));
  return (
    <div className="cost">
      <p className="cost-total">
        Estimated <strong data-testid="cost-total">{formatUsd(analysis.totalMonthly)}</strong> a month for the
        operations this code calls
        {analysis.totalSaving > 0 ? (
          <>
            {" "}
            · up to <strong className="saving">{formatUsd(analysis.totalSaving)}</strong> a month to save
          </>
        ) : null}
      </p>
      {priced.length ? (
        <ul className="cost-bars" aria-label="Monthly cost by provider">
          {priced.map((c) => (
            <li key={c.provider}>
              <span className="cost-name">{c.name}</span>
              <span className="cost-track" aria-hidden>
                <span className="cost-bar" style={{ width: `${((c.monthlyEstimate ?? 0) / max) * 100}%` }} />
              </span>
              <span className="cost-value">{formatUsd(c.monthlyEstimate ?? 0)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {backtests.length ? <BacktestTable backtests={backtests} /> : null}
      <div className="cost-details">
        {analysis.costs.map((c) => (
          <details key={c.provider}>
            <summary>
              {c.name}: {c.monthlyEstimate === null ? "not estimated" : `${formatUsd(c.monthlyEstimate)} a month`}
              {c.plan ? <span className="muted"> · {c.plan.name}</span> : null}
              <span className="muted">
                {" "}
                ·{" "}
                {c.basis === "usage"
                  ? "from usage records of the operations this code calls"
                  : c.basis === "volumes"
                    ? "from entered volumes"
                    : "no volumes"}
              </span>
            </summary>
            {c.lines.length ? (
              <table className="cost-lines">
                <thead>
                  <tr>
                    <th scope="col">Operation</th>
                    <th scope="col">Calls / month</th>
                    <th scope="col">Units</th>
                    <th scope="col">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {c.lines.map((l, i) => (
                    <tr key={`${l.operation}-${i}`}>
                      <td>
                        <code>{l.operation}</code>
                      </td>
                      <td>{formatCount(l.monthlyCalls)}</td>
                      <td>
                        {l.units
                          .map((u) => `${formatCount(Math.round(u.quantity))} ${u.unit} × ${u.pricePerUnit}`)
                          .join("; ")}
                      </td>
                      <td>{formatUsd(l.cost)}</td>
                    </tr>
                  ))}
                  {c.plan && c.plan.monthlyFee ? (
                    <tr>
                      <td colSpan={3}>Plan fee ({c.plan.name})</td>
                      <td>{formatUsd(c.plan.monthlyFee)}</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            ) : null}
            {c.trafficModel ? (
              <p className="traffic-model">
                <strong>Traffic model:</strong> {c.trafficModel}
              </p>
            ) : null}
            {c.callSites.length ? (
              <table className="cost-lines" aria-label={`${c.name} cost per call site`}>
                <thead>
                  <tr>
                    <th scope="col">Call site</th>
                    <th scope="col">Operation</th>
                    <th scope="col">Share a month</th>
                  </tr>
                </thead>
                <tbody>
                  {c.callSites.map((site) => (
                    <tr key={`${site.file}:${site.line}:${site.operation}`}>
                      <td>
                        <code>
                          {site.file}:{site.line}
                        </code>
                      </td>
                      <td>
                        <code>{site.operation}</code>
                      </td>
                      <td>{formatUsd(site.monthlyCost)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <ul className="assumptions">
              {c.assumptions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </div>
  );
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${n.toFixed(1)}%`;

/** How far the forecast was from a month already billed, when made from the days before that month only. */
function BacktestTable({ backtests }: { backtests: Backtest[] }) {
  return (
    <div className="backtest">
      <h3>How good is this estimate?</h3>
      <p className="muted small">
        Each month is estimated the same way, from the usage records before it only, and compared with what that month
        was billed ({backtests[0]!.month}). Estimating a month from its own records would agree by construction.
      </p>
      <table className="cost-lines" aria-label="Backtest of the monthly estimate">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Estimated from</th>
            <th scope="col">Estimate</th>
            <th scope="col">Billed</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {backtests.map((b) => (
            <tr key={b.provider} data-testid={`backtest-${b.provider}`}>
              <td>{b.name}</td>
              <td>
                {b.historyFrom} to {b.historyTo}
              </td>
              <td>{formatUsd(b.estimate)}</td>
              <td>{formatUsd(b.actual)}</td>
              <td>
                <span className={b.errorPct === null || Math.abs(b.errorPct) <= 20 ? "delta ok" : "delta off"}>
                  {b.errorPct === null ? formatUsd(b.errorUsd) : signed(b.errorPct)}
                </span>
                {b.unusualDays.length ? (
                  <span className="muted small">
                    {" "}
                    · {unusualSummary(b)}
                    {b.errorPctWithoutUnusual !== null ? `; without them ${signed(b.errorPctWithoutUnusual)}` : ""}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function unusualSummary(b: Backtest) {
  const days = [...new Set(b.unusualDays.map((d) => d.day))].sort();
  const peak = Math.max(...b.unusualDays.map((d) => (d.expected > 0 ? d.recorded / d.expected : 0)));
  return `${days.length} unusual day${days.length === 1 ? "" : "s"} (${days[0]}${days.length > 1 ? ` to ${days.at(-1)}` : ""}, up to ${peak.toFixed(1)}× the expected calls) no earlier data could foresee`;
}
