import { BaseBoxShapeUtil, HTMLContainer, T, type TLIndicatorPath } from "tldraw";
import { LineChart, SERIES_COLORS } from "../charts";
import { CHART_GROUPS, PERIODS } from "../cost-bindings";
import { useCostData } from "../CostDataProvider";
import { formatUsd } from "~/format/numbers";
import { formatBucket } from "../format";
import { SPEND_CHART, type SpendChartShape } from "./shape-types";
import { ShapeFrame, ShapeMessage } from "./ShapeFrame";

/** Spend over a period for chosen APIs, teams or subscriptions, one line each. */
export class SpendChartShapeUtil extends BaseBoxShapeUtil<SpendChartShape> {
  static override type = SPEND_CHART;
  static override props = {
    w: T.number,
    h: T.number,
    groupBy: T.literalEnum("api", "team", "subscription"),
    ids: T.arrayOf(T.string),
    period: T.literalEnum("month", "30d", "90d", "12m"),
  };

  override getDefaultProps(): SpendChartShape["props"] {
    return { w: 480, h: 300, groupBy: "team", ids: [], period: "90d" };
  }

  override canEdit() {
    return false;
  }

  override component(shape: SpendChartShape) {
    return (
      <HTMLContainer>
        <SpendChart shape={shape} />
      </HTMLContainer>
    );
  }

  override getIndicatorPath(shape: SpendChartShape): TLIndicatorPath {
    const path = new Path2D();
    path.roundRect(0, 0, shape.props.w, shape.props.h, 10);
    return path;
  }
}

function SpendChart({ shape }: { shape: SpendChartShape }) {
  const { groupBy, ids, period, w, h } = shape.props;
  const data = useCostData({ kind: "chart", groupBy, ids, period });
  const title = `Spend by ${CHART_GROUPS[groupBy].toLowerCase().replace(/s$/, "")}`;
  if (ids.length === 0) {
    return (
      <ShapeFrame testId="spend-chart" title={title} subtitle={PERIODS[period]}>
        <ShapeMessage>
          Select this chart, then choose {CHART_GROUPS[groupBy].toLowerCase()} in the side panel.
        </ShapeMessage>
      </ShapeFrame>
    );
  }
  if (!data || data.kind !== "chart") {
    return (
      <ShapeFrame testId="spend-chart" title={title} subtitle={PERIODS[period]}>
        <ShapeMessage>{data?.kind === "missing" ? data.message : "Loading…"}</ShapeMessage>
      </ShapeFrame>
    );
  }
  const max = Math.max(0, ...data.series.flatMap((s) => s.points));
  return (
    <ShapeFrame
      testId="spend-chart"
      title={title}
      subtitle={`${PERIODS[period]} · ${formatUsd(data.totalUsd, "rounded")}`}
    >
      <div className="chart-area">
        <span className="chart-max muted">{formatUsd(max, "compact")}</span>
        <LineChart
          series={data.series}
          width={Math.max(80, w - 28)}
          height={Math.max(40, h - 130)}
          label={`${title}, ${PERIODS[period].toLowerCase()}`}
        />
        <div className="chart-axis muted">
          <span>{data.buckets[0] ? formatBucket(data.buckets[0], data.bucket) : ""}</span>
          <span>{data.buckets.at(-1) ? formatBucket(data.buckets.at(-1)!, data.bucket) : ""}</span>
        </div>
      </div>
      <ul className="chart-legend">
        {data.series.map((s, i) => (
          <li key={s.id}>
            <span className="swatch" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            {s.name} <span className="muted">{formatUsd(s.totalUsd, "rounded")}</span>
          </li>
        ))}
      </ul>
    </ShapeFrame>
  );
}
