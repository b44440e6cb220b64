import { BaseBoxShapeUtil, HTMLContainer, T, type TLIndicatorPath } from "tldraw";
import { Sparkline } from "../charts";
import { useCostData } from "../CostDataProvider";
import { formatUsd } from "~/format/numbers";
import { COST_CARD, type CostCardShape } from "./shape-types";
import { BudgetBadge } from "~/usage/BudgetBadge";
import { ShapeFrame, ShapeMessage } from "./ShapeFrame";

/** An API cost card: the subscription's spend this month, 90 days of it, and its budget. */
export class CostCardShapeUtil extends BaseBoxShapeUtil<CostCardShape> {
  static override type = COST_CARD;
  static override props = { w: T.number, h: T.number, subscriptionId: T.string };

  override getDefaultProps(): CostCardShape["props"] {
    return { w: 300, h: 210, subscriptionId: "" };
  }

  override canEdit() {
    return false;
  }

  override component(shape: CostCardShape) {
    return (
      <HTMLContainer>
        <CostCard shape={shape} />
      </HTMLContainer>
    );
  }

  override getIndicatorPath(shape: CostCardShape): TLIndicatorPath {
    const path = new Path2D();
    path.roundRect(0, 0, shape.props.w, shape.props.h, 10);
    return path;
  }
}

function CostCard({ shape }: { shape: CostCardShape }) {
  const data = useCostData({ kind: "card", subscriptionId: shape.props.subscriptionId });
  if (!data || data.kind !== "card") {
    return (
      <ShapeFrame testId="cost-card" title="API cost card">
        <ShapeMessage>{data?.kind === "missing" ? data.message : "Loading…"}</ShapeMessage>
      </ShapeFrame>
    );
  }
  const sparkWidth = Math.max(60, shape.props.w - 28);
  return (
    <ShapeFrame testId="cost-card" title={data.apiName} subtitle={`${data.planName} · ${data.teamName}`}>
      <div className="cost-card-figure">
        <span className="figure" data-testid="month-to-date">
          {formatUsd(data.monthToDateUsd, "rounded")}
        </span>
        <span className="muted">
          {" "}
          this month{data.planFeeUsd > 0 ? ` + ${formatUsd(data.planFeeUsd, "rounded")} plan fee` : ""}
        </span>
      </div>
      {data.forecast && data.budget.status === "none" ? (
        <div className="muted cost-card-forecast" data-testid="card-forecast">
          Month-end forecast {formatUsd(data.forecast.expected)} ({formatUsd(data.forecast.lower80)}–
          {formatUsd(data.forecast.upper80)})
        </div>
      ) : null}
      <Sparkline
        points={data.sparkline}
        width={sparkWidth}
        height={Math.max(24, shape.props.h - 140)}
        marks={data.anomalies}
        label={`Daily spend on ${data.apiName}, last 90 days; today so far dashed${data.anomalies.length ? `; ${new Set(data.anomalies.map((a) => a.index)).size} days in anomalies marked` : ""}`}
      />
      <BudgetBadge budget={data.budget} />
    </ShapeFrame>
  );
}
