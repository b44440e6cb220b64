import { formatUsd } from "~/format/numbers";
import { MIN_COHORT } from "../benchmarks";
import type { BenchmarkRow } from "../benchmarks.server";

/** Your cost per unit and spend per seat against the marketplace's, where a cohort is large enough. */
function perUnit(value: number | null, unit: string | null) {
  if (value === null) return "—";
  // Per-token prices are tiny: show them per million.
  if (value < 0.01) return `${formatUsd(value * 1_000_000, "rounded")} per 1M ${unit ?? "units"}`;
  return `${formatUsd(value, "rounded")} per ${unit ?? "unit"}`;
}

export function BenchmarkTable({ rows }: { rows: readonly BenchmarkRow[] }) {
  if (rows.length === 0) return <p className="empty">No usage yet to compare with the marketplace.</p>;
  return (
    <div className="table-scroll">
      <table className="benchmark-table">
        <thead>
          <tr>
            <th scope="col">API or category</th>
            <th scope="col">Cost per unit: yours</th>
            <th scope="col">Marketplace</th>
            <th scope="col">Spend per seat: yours</th>
            <th scope="col">Marketplace</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}:${r.id}`} data-testid="benchmark" data-name={r.name}>
              <th scope="row">
                {r.kind === "category" ? `All ${r.name} APIs` : r.name}
                <span className="muted benchmark-cohort">
                  {r.benchmark.status === "shown"
                    ? `${r.benchmark.organizations} organisations`
                    : `${r.benchmark.organizations} of the ${MIN_COHORT} organisations needed`}
                </span>
              </th>
              {r.benchmark.status === "shown" ? (
                <>
                  <td>{perUnit(r.benchmark.yours.costPerUnit, r.unit)}</td>
                  <td>{perUnit(r.benchmark.marketplace.costPerUnit, r.unit)}</td>
                  <td>
                    {r.benchmark.yours.spendPerSeat === null
                      ? "—"
                      : formatUsd(r.benchmark.yours.spendPerSeat, "rounded")}
                  </td>
                  <td>
                    {r.benchmark.marketplace.spendPerSeat === null
                      ? "—"
                      : formatUsd(r.benchmark.marketplace.spendPerSeat, "rounded")}
                  </td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  Hidden: fewer than {MIN_COHORT} organisations use it, so an average could give one of them away.
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
