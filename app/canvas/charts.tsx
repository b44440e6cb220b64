/**
 * The two small charts the cost shapes draw, as plain SVG: a sparkline and a multi-series
 * line chart. A charting library would add 100+ KiB to the canvas for what is a
 * polyline per series (see README, libraries).
 */
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

export function Sparkline({
  points,
  width,
  height,
  color = "#3E63DD",
  label,
}: {
  points: readonly number[];
  width: number;
  height: number;
  color?: string;
  label: string;
}) {
  const max = Math.max(0, ...points);
  const line = path(points, width, height - 2, max);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 -1 ${width} ${height}`}
      role="img"
      aria-label={label}
      className="sparkline"
    >
      <path d={`${line} L${width},${height} L0,${height} Z`} fill={color} opacity={0.12} />
      <path d={line} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" />
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
      {series.map((s, i) => (
        <path
          key={s.name}
          d={path(s.points, width, height, max)}
          fill="none"
          stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
          strokeWidth={2}
          strokeLinejoin="round"
        />
      ))}
    </svg>
  );
}
