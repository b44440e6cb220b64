import { BaseBoxShapeUtil, HTMLContainer, T, type TLIndicatorPath } from "tldraw";
import { PERIODS, TOTAL_GROUPS } from "../cost-bindings";
import { useCostData } from "../CostDataProvider";
import { formatUsd } from "~/format/numbers";
import { COST_TOTAL, type CostTotalShape } from "./shape-types";
import { BudgetBadge } from "~/usage/BudgetBadge";
import { ShapeFrame, ShapeMessage } from "./ShapeFrame";

/** A team's or a cost center's total spend over a period, with its budget this month. */
export class CostTotalShapeUtil extends BaseBoxShapeUtil<CostTotalShape> {
  static override type = COST_TOTAL;
  static override props = {
    w: T.number,
    h: T.number,
    groupBy: T.literalEnum("team", "costCenter"),
    subjectId: T.string,
    period: T.literalEnum("month", "30d", "90d", "12m"),
  };

  override getDefaultProps(): CostTotalShape["props"] {
    return { w: 260, h: 170, groupBy: "team", subjectId: "", period: "month" };
  }

  override canEdit() {
    return false;
  }

  override component(shape: CostTotalShape) {
    return (
      <HTMLContainer>
        <CostTotal shape={shape} />
      </HTMLContainer>
    );
  }

  override getIndicatorPath(shape: CostTotalShape): TLIndicatorPath {
    const path = new Path2D();
    path.roundRect(0, 0, shape.props.w, shape.props.h, 10);
    return path;
  }
}

function CostTotal({ shape }: { shape: CostTotalShape }) {
  const { groupBy, subjectId, period } = shape.props;
  const data = useCostData({ kind: "total", groupBy, id: subjectId || null, period });
  const kind = TOTAL_GROUPS[groupBy];
  if (!data || data.kind !== "total") {
    return (
      <ShapeFrame testId="cost-total" title={`${kind} total`} subtitle={PERIODS[period]}>
        <ShapeMessage>
          {!subjectId
            ? `Select this shape, then choose a ${kind.toLowerCase()} in the side panel.`
            : data?.kind === "missing"
              ? data.message
              : "Loading…"}
        </ShapeMessage>
      </ShapeFrame>
    );
  }
  return (
    <ShapeFrame testId="cost-total" title={data.name} subtitle={`${kind} · ${PERIODS[period]}`}>
      <div className="cost-card-figure">
        <span className="figure">{formatUsd(data.costUsd, "rounded")}</span>
      </div>
      {data.budget ? <BudgetBadge budget={data.budget} /> : null}
    </ShapeFrame>
  );
}
