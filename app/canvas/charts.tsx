/**
 * The two small charts the cost shapes draw, as plain SVG: a sparkline and a multi-series
 * line chart. A charting library would add 100+ KiB to the canvas for what is a
 * polyline per series (see README, libraries). Both end today: the last point is a period
 * still under way, drawn dashed so a half-spent day never reads as a fall.
 */
export const SEVERITY_COLORS = { warning: "#B25E00", critical: "#CE2C31" } as const;
export const SERIES_COLORS = ["#3E63DD", "#E5484D", "#12A594", "#F76B15", "#8E4EC6", "#D6409F", "#AD7F58", "#0090FF"];

function path(points: readonly number[], width: number, height: number, max: number): string {
  if (points.length === 0) return "";
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  return points
    .map(
      (value, i) =>
        `${i === 0 ? "M" : "L"}${(i * step).toFixed(1)},${(height - (max > 0 ? (value / max) * height : 0)).toFixed(1)}`,
    )
    .join(" ");
}

/** The complete points as one path and the last (partial) segment as another. */
function splitPartial(points: readonly number[], width: number, height: number, max: number) {
  const full = path(points, width, height, max);
  if (points.length < 2) return { complete: full, partial: "" };
  const step = width / (points.length - 1);
  const y = (v: number) => (height - (max > 0 ? (v / max) * height : 0)).toFixed(1);
  const lastTwo = `M${((points.length - 2) * step).toFixed(1)},${y(points.at(-2)!)} L${width.toFixed(1)},${y(points.at(-1)!)}`;
  return { complete: path(points.slice(0, -1), (points.length - 2) * step, height, max), partial: lastTwo };
}

export function Sparkline({
  points,
  width,
  height,
  color = "#3E63DD",
  label,
  marks = [],
}: {
  points: readonly number[];
  width: number;
  height: number;
  color?: string;
  label: string;
  /** Periods to mark (anomalies), by index into points. */
  marks?: readonly { index: number; severity: keyof typeof SEVERITY_COLORS }[];
}) {
  const max = Math.max(0, ...points);
  const inner = height - 2;
  const { complete, partial } = splitPartial(points, width, inner, max);
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 -3 ${width} ${height + 4}`}
      role="img"
      aria-label={label}
      className="sparkline"
    >
      <path d={`${path(points, width, inner, max)} L${width},${height} L0,${height} Z`} fill={color} opacity={0.12} />
      <path d={complete} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" />
      <path d={partial} fill="none" stroke={color} strokeWidth={1.5} strokeDasharray="3 2" />
      {marks.map((m) => (
        <circle
          key={m.index}
          data-testid="anomaly-mark"
          cx={m.index * step}
          cy={inner - (max > 0 ? (points[m.index]! / max) * inner : 0)}
          r={3}
          fill={SEVERITY_COLORS[m.severity]}
          stroke="#fff"
          strokeWidth={1}
        />
      ))}
    </svg>
  );
}

export function LineChart({
  series,
  width,
  height,
  label,
}: {
  series: readonly { name: string; points: readonly number[] }[];
  width: number;
  height: number;
  label: string;
}) {
  const max = Math.max(0, ...series.flatMap((s) => s.points));
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 -2 ${width} ${height + 4}`}
      role="img"
      aria-label={label}
      className="line-chart"
    >
      {[0.25, 0.5, 0.75, 1].map((f) => (
        <line
          key={f}
          x1={0}
          x2={width}
          y1={height - f * height}
          y2={height - f * height}
          stroke="#e2e2e7"
          strokeWidth={1}
        />
      ))}
      {series.map((s, i) => {
        const { complete, partial } = splitPartial(s.points, width, height, max);
        const stroke = SERIES_COLORS[i % SERIES_COLORS.length];
        return (
          <g key={s.name}>
            <path d={complete} fill="none" stroke={stroke} strokeWidth={2} strokeLinejoin="round" />
            <path d={partial} fill="none" stroke={stroke} strokeWidth={2} strokeDasharray="4 3" />
          </g>
        );
      })}
    </svg>
  );
}
