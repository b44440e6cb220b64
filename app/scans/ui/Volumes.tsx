import { Form } from "@remix-run/react";
import type { ProviderCost } from "../cost";

/**
 * Monthly volumes for operations the code calls that have no usage records: what the
 * estimate is built from until real traffic exists (like Infracost's usage file).
 */
/** Operations whose volumes can be entered or were entered: when there are none, nothing shows. */
export function volumeRows(costs: ProviderCost[]) {
  const missing = costs.flatMap((c) =>
    c.catalogSlug ? c.missingVolumes.map((op) => ({ provider: c.provider, name: c.name, operation: op })) : [],
  );
  const entered = costs
    .filter((c) => c.basis === "volumes")
    .flatMap((c) =>
      c.lines.map((l) => ({ provider: c.provider, name: c.name, operation: l.operation, calls: l.monthlyCalls })),
    );
  return { missing, entered };
}

export function Volumes({
  costs,
  canWrite,
  errors,
}: {
  costs: ProviderCost[];
  canWrite: boolean;
  errors: Record<string, string | undefined>;
}) {
  const { missing, entered } = volumeRows(costs);
  if (!missing.length && !entered.length) return null;
  return (
    <div className="volumes">
      <h3>Monthly volumes</h3>
      <p className="muted small">
        Operations the code calls without usage records. Enter how often they run to price them; units per call are
        optional (e.g. volume_usd=42).
      </p>
      {errors.monthlyCalls || errors.unitsPerCall ? (
        <p className="form-error" role="alert">
          {errors.monthlyCalls ?? errors.unitsPerCall}
        </p>
      ) : null}
      <ul className="volume-list">
        {[
          ...entered.map((e) => ({ ...e, existing: true })),
          ...missing.map((m) => ({ ...m, calls: 0, existing: false })),
        ].map((v) => (
          <li key={`${v.provider}:${v.operation}`}>
            <Form method="post" className="inline" aria-label={`Monthly calls of ${v.name} ${v.operation}`}>
              <input type="hidden" name="intent" value="save-volume" />
              <input type="hidden" name="provider" value={v.provider} />
              <input type="hidden" name="operation" value={v.operation} />
              <span>
                {v.name} <code>{v.operation}</code>
              </span>
              <input
                name="monthlyCalls"
                type="number"
                min={0}
                step={1}
                defaultValue={v.existing ? v.calls : undefined}
                placeholder="calls / month"
                aria-label="Calls per month"
                disabled={!canWrite}
                required
              />
              <input
                name="unitsPerCall"
                placeholder="units per call"
                aria-label="Units per call"
                disabled={!canWrite}
              />
              <button type="submit" disabled={!canWrite}>
                Save
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
