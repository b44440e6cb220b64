import type { Analysis } from "../analysis.server";

/**
 * The estimated monthly cost per provider as bars, the actual charge (from usage records)
 * as a marker on the same scale, and every line and assumption under each bar.
 */
export const usd = (n: number) =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function CostBreakdown({ analysis }: { analysis: Analysis }) {
  const priced = analysis.costs.filter((c) => c.monthlyEstimate !== null);
  const max = Math.max(1, ...priced.map((c) => Math.max(c.monthlyEstimate ?? 0, c.actualMonthly ?? 0)));
  return (
    <div className="cost">
      <p className="cost-total">
        Estimated <strong data-testid="cost-total">{usd(analysis.totalMonthly)}</strong> a month for what this code
        calls
        {analysis.totalSaving > 0 ? (
          <>
            {" "}
            · up to <strong className="saving">{usd(analysis.totalSaving)}</strong> a month to save
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
                {c.actualMonthly !== null ? (
                  <span
                    className="cost-actual"
                    style={{ left: `${(c.actualMonthly / max) * 100}%` }}
                    title={`Actual ${usd(c.actualMonthly)}`}
                  />
                ) : null}
              </span>
              <span className="cost-value">
                {usd(c.monthlyEstimate ?? 0)}
                {c.deltaPct !== null ? (
                  <span className={Math.abs(c.deltaPct) <= 20 ? "delta ok" : "delta off"}>
                    {" "}
                    vs {usd(c.actualMonthly ?? 0)} actual ({c.deltaPct > 0 ? "+" : ""}
                    {c.deltaPct.toFixed(1)}%)
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="cost-details">
        {analysis.costs.map((c) => (
          <details key={c.provider}>
            <summary>
              {c.name}: {c.monthlyEstimate === null ? "not estimated" : `${usd(c.monthlyEstimate)} a month`}
              {c.plan ? <span className="muted"> · {c.plan.name}</span> : null}
              <span className="muted">
                {" "}
                ·{" "}
                {c.basis === "usage"
                  ? "from usage records"
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
                      <td>{l.monthlyCalls.toLocaleString("en")}</td>
                      <td>
                        {l.units
                          .map((u) => `${Math.round(u.quantity).toLocaleString("en")} ${u.unit} × ${u.pricePerUnit}`)
                          .join("; ")}
                      </td>
                      <td>{usd(l.cost)}</td>
                    </tr>
                  ))}
                  {c.plan && c.plan.monthlyFee ? (
                    <tr>
                      <td colSpan={3}>Plan fee ({c.plan.name})</td>
                      <td>{usd(c.plan.monthlyFee)}</td>
                    </tr>
                  ) : null}
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
