import { useEffect, useState } from "react";
import { createShapeId, useValue, type Editor, type TLShapePartial } from "tldraw";
import { CHART_GROUPS, MAX_CHART_SERIES, PERIODS, REFRESH_SECONDS, TOTAL_GROUPS, type Period } from "./cost-bindings";
import type { CanvasCatalog } from "./cost-data.server";
import { useCostDataStatus, useRefreshCostData } from "./CostDataProvider";
import { formatUsd } from "~/format/numbers";
import { formatTime } from "./format";
import { COST_CARD, COST_SHAPE_TYPES, COST_TOTAL, SPEND_CHART, type CostShape } from "./shapes/shape-types";

/**
 * The canvas's side panel: the workspace's subscriptions to drag onto the canvas (or add
 * with a button, for keyboards), charts and totals to add, the settings of the selected
 * cost shape, and how fresh the numbers are.
 */
export const SUBSCRIPTION_MIME = "application/x-apimarketplace-subscription";

export function CanvasPalette({
  editor,
  workspaceId,
  canWrite,
}: {
  editor: Editor | null;
  workspaceId: string;
  canWrite: boolean;
}) {
  const [catalog, setCatalog] = useState<CanvasCatalog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { asOf, loading, error: dataError } = useCostDataStatus();
  const refresh = useRefreshCostData();

  useEffect(() => {
    let cancelled = false;
    fetch(`/w/${workspaceId}/costs`, { headers: { Accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok)
          throw new Error(((await response.json()) as { error?: string }).error ?? "Could not load subscriptions.");
        return (await response.json()) as CanvasCatalog;
      })
      .then((body) => !cancelled && (setCatalog(body), setError(null)))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : "Could not load subscriptions."));
    return () => {
      cancelled = true;
    };
  }, [workspaceId, asOf]);

  const selected = useValue(
    "selected cost shape",
    () => {
      const shape = editor?.getOnlySelectedShape();
      return shape && COST_SHAPE_TYPES.includes(shape.type) ? (shape as CostShape) : null;
    },
    [editor],
  );

  const add = (partial: Omit<TLShapePartial<CostShape>, "id">) => editor && addCostShape(editor, partial);

  return (
    <aside className="canvas-side canvas-palette" aria-label="Add to the canvas">
      <div className="freshness" role="status" aria-live="polite">
        <span className="muted">
          {dataError ? `⚠ ${dataError}` : asOf ? `Numbers as of ${formatTime(asOf)}` : "Loading numbers…"} · refresh
          every {REFRESH_SECONDS} s
        </span>
        <button type="button" className="link-button" onClick={refresh} disabled={loading}>
          {loading ? "Refreshing…" : "Refresh"}
        </button>
      </div>

      {!canWrite ? <p className="callout">Viewers can look and comment, but not change the canvas.</p> : null}

      {selected && canWrite && catalog ? <ShapeSettings editor={editor!} shape={selected} catalog={catalog} /> : null}

      <h2>Subscriptions</h2>
      <p className="muted">
        {canWrite
          ? "Drag one onto the canvas, or press Add, for a live cost card."
          : "What the cards on this canvas can show."}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : !catalog ? (
        <p className="muted">Loading subscriptions…</p>
      ) : catalog.subscriptions.length === 0 ? (
        <p className="empty">
          Your organisation has no subscriptions yet. Subscribe a team to an API to see its costs here.
        </p>
      ) : (
        <ul className="subscription-list">
          {catalog.subscriptions.map((s) => (
            <li
              key={s.id}
              className="subscription-item"
              data-testid="subscription-item"
              draggable={canWrite}
              onDragStart={(event) => {
                event.dataTransfer.setData(SUBSCRIPTION_MIME, s.id);
                event.dataTransfer.effectAllowed = "copy";
              }}
            >
              <span className="subscription-name">
                <strong>{s.apiName}</strong>
                <span className="muted">
                  {s.teamName} · {s.planName}
                  {s.status === "CANCELED" ? " · canceled" : ""}
                </span>
              </span>
              <span className="subscription-spend" title="Spend this month">
                {formatUsd(s.monthToDateUsd, "rounded")}
              </span>
              {canWrite ? (
                <button
                  type="button"
                  aria-label={`Add a cost card for ${s.apiName} (${s.teamName})`}
                  onClick={() => add({ type: COST_CARD, props: { subscriptionId: s.id } })}
                >
                  Add
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {canWrite ? (
        <>
          <h2>Charts and totals</h2>
          <div className="add-buttons">
            <button
              type="button"
              onClick={() =>
                add({
                  type: SPEND_CHART,
                  props: {
                    groupBy: "team",
                    ids: catalog?.teams.slice(0, MAX_CHART_SERIES).map((t) => t.id) ?? [],
                    period: "90d",
                  },
                })
              }
            >
              + Spend chart
            </button>
            <button
              type="button"
              onClick={() =>
                add({
                  type: COST_TOTAL,
                  props: { groupBy: "team", subjectId: catalog?.teams[0]?.id ?? "", period: "month" },
                })
              }
            >
              + Team total
            </button>
            <button
              type="button"
              onClick={() =>
                add({
                  type: COST_TOTAL,
                  props: { groupBy: "costCenter", subjectId: catalog?.costCenters[0]?.id ?? "", period: "month" },
                })
              }
            >
              + Cost center total
            </button>
          </div>
        </>
      ) : null}
    </aside>
  );
}

/** Creates a cost shape centred on `at` (the viewport's centre by default) and selects it. */
export function addCostShape(
  editor: Editor,
  partial: Omit<TLShapePartial<CostShape>, "id">,
  at?: { x: number; y: number },
) {
  const center = at ?? editor.getViewportPageBounds().center;
  const defaults = editor.getShapeUtil(partial.type).getDefaultProps() as { w: number; h: number };
  const id = createShapeId();
  // One step in this person's undo history, like a shape drawn with a tool.
  editor.markHistoryStoppingPoint("add cost shape");
  editor.createShape({
    ...partial,
    id,
    x: center.x - defaults.w / 2,
    y: center.y - defaults.h / 2,
  } as TLShapePartial<CostShape>);
  editor.select(id);
  return id;
}

function ShapeSettings({ editor, shape, catalog }: { editor: Editor; shape: CostShape; catalog: CanvasCatalog }) {
  const update = (props: Partial<CostShape["props"]>) => {
    editor.markHistoryStoppingPoint("change cost shape");
    editor.updateShape({ id: shape.id, type: shape.type, props } as TLShapePartial<CostShape>);
  };
  const periodSelect = (period: Period) => (
    <label>
      Period
      <select value={period} onChange={(e) => update({ period: e.target.value as Period })}>
        {Object.entries(PERIODS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );

  if (shape.type === COST_CARD) {
    return (
      <section className="shape-settings" aria-label="Selected cost card">
        <h2>Selected card</h2>
        <label>
          Subscription
          <select value={shape.props.subscriptionId} onChange={(e) => update({ subscriptionId: e.target.value })}>
            {catalog.subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.apiName} · {s.teamName}
              </option>
            ))}
          </select>
        </label>
      </section>
    );
  }

  if (shape.type === SPEND_CHART) {
    const { groupBy, ids, period } = shape.props;
    const options =
      groupBy === "api"
        ? catalog.apis
        : groupBy === "team"
          ? catalog.teams
          : catalog.subscriptions.map((s) => ({ id: s.id, name: `${s.apiName} · ${s.teamName}` }));
    return (
      <section className="shape-settings" aria-label="Selected spend chart">
        <h2>Selected chart</h2>
        <label>
          Compare
          <select value={groupBy} onChange={(e) => update({ groupBy: e.target.value as typeof groupBy, ids: [] })}>
            {Object.entries(CHART_GROUPS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {periodSelect(period)}
        <fieldset>
          <legend>Show (up to {MAX_CHART_SERIES})</legend>
          {options.map((o) => (
            <label key={o.id} className="check">
              <input
                type="checkbox"
                checked={ids.includes(o.id)}
                disabled={!ids.includes(o.id) && ids.length >= MAX_CHART_SERIES}
                onChange={(e) => update({ ids: e.target.checked ? [...ids, o.id] : ids.filter((id) => id !== o.id) })}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      </section>
    );
  }

  const { groupBy, subjectId, period } = shape.props;
  const subjects = groupBy === "team" ? catalog.teams : catalog.costCenters;
  return (
    <section className="shape-settings" aria-label="Selected total">
      <h2>Selected total</h2>
      <label>
        Total of a
        <select value={groupBy} onChange={(e) => update({ groupBy: e.target.value as typeof groupBy, subjectId: "" })}>
          {Object.entries(TOTAL_GROUPS).map(([value, label]) => (
            <option key={value} value={value}>
              {label.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        {TOTAL_GROUPS[groupBy]}
        <select value={subjectId} onChange={(e) => update({ subjectId: e.target.value })}>
          <option value="">Choose…</option>
          {subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {subjects.length === 0 ? (
        <p className="muted">Your organisation has no {TOTAL_GROUPS[groupBy].toLowerCase()}s yet.</p>
      ) : null}
      {periodSelect(period)}
    </section>
  );
}
