import { formatUsd } from "~/format/numbers";

/**
 * A time chart of spend with the band it was expected to stay in: the actual line, the
 * expected line (dashed), an 80% band and an optional wider 95% band, highlighted periods (an
 * anomaly) and a marker for now. Plain SVG, scaled to its container's width (see README,
 * libraries: a polyline per series needs no charting library). The last actual point, a
 * period still under way, is drawn dashed.
 */
export type BandPoint = {
  time: number;
  value?: number;
  expected?: number;
  lower?: number;
  upper?: number;
  lower95?: number;
  upper95?: number;
};

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 26 };

export function BandChart({
  points,
  label,
  highlight,
  partialLast = false,
  now,
  granularity = "day",
}: {
  points: readonly BandPoint[];
  label: string;
  highlight?: { from: number; to: number } | null;
  partialLast?: boolean;
  now?: number;
  granularity?: "day" | "hour";
}) {
  if (points.length < 2) return <p className="empty">Not enough history to draw yet.</p>;
  const t0 = points[0]!.time;
  const t1 = points.at(-1)!.time;
  // The scale follows what was spent and expected; a band far wider than that is cut at the top
  // (drawn to the edge) rather than flattening the series into a line at zero.
  const seen = Math.max(1, ...points.flatMap((p) => [p.value ?? 0, p.expected ?? 0]));
  const widest = Math.max(...points.flatMap((p) => [p.upper ?? 0, p.upper95 ?? 0]));
  const max = Math.min(Math.max(seen, widest), 2 * seen) * 1.05;
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - Math.min(v, max) / max) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (ps: readonly BandPoint[], f: (p: BandPoint) => number | undefined) =>
    ps
      .filter((p) => f(p) !== undefined)
      .map((p, i) => `${i ? "L" : "M"}${x(p.time).toFixed(1)},${y(f(p)!).toFixed(1)}`)
      .join(" ");
  const band = (lo: (p: BandPoint) => number | undefined, hi: (p: BandPoint) => number | undefined) => {
    const ps = points.filter((p) => lo(p) !== undefined && hi(p) !== undefined);
    if (ps.length < 2) return "";
    return `${line(ps, hi)} ${[...ps]
      .reverse()
      .map((p) => `L${x(p.time).toFixed(1)},${y(lo(p)!).toFixed(1)}`)
      .join(" ")} Z`;
  };
  const actual = points.filter((p) => p.value !== undefined);
  const complete = partialLast ? actual.slice(0, -1) : actual;
  const partial = partialLast && actual.length >= 2 ? actual.slice(-2) : [];
  const fmt = (t: number) =>
    new Date(t).toLocaleString("en-GB", {
      day: "numeric",
      month: "short",
      ...(granularity === "hour" ? { hour: "2-digit", minute: "2-digit" } : {}),
      timeZone: "UTC",
    });
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="band-chart" role="img" aria-label={label}>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="grid" />
          <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="axis">
            {formatUsd(max * f, "compact")}
          </text>
        </g>
      ))}
      {highlight ? (
        <rect
          x={x(highlight.from) - 3}
          y={PAD.top}
          width={Math.max(6, x(highlight.to) - x(highlight.from) + 6)}
          height={HEIGHT - PAD.top - PAD.bottom}
          className="highlight"
          data-testid="anomaly-highlight"
        />
      ) : null}
      <path
        d={band(
          (p) => p.lower95,
          (p) => p.upper95,
        )}
        className="band band-95"
      />
      <path
        d={band(
          (p) => p.lower,
          (p) => p.upper,
        )}
        className="band band-80"
        data-testid="expected-band"
      />
      <path d={line(points, (p) => p.expected)} className="expected" />
      <path d={line(complete, (p) => p.value)} className="actual" />
      {partial.length ? <path d={line(partial, (p) => p.value)} className="actual partial" /> : null}
      {actual
        .filter((p) => highlight && p.time >= highlight.from && p.time <= highlight.to)
        .map((p) => (
          <circle key={p.time} cx={x(p.time)} cy={y(p.value!)} r={3.5} className="anomaly-point">
            <title>
              {fmt(p.time)}: {formatUsd(p.value!, "rounded")} (expected {formatUsd(p.expected ?? 0, "rounded")})
            </title>
          </circle>
        ))}
      {now !== undefined && now >= t0 && now <= t1 ? (
        <line x1={x(now)} x2={x(now)} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="now" />
      ) : null}
      <text x={PAD.left} y={HEIGHT - 6} className="axis">
        {fmt(t0)}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="axis">
        {fmt(t1)}
      </text>
    </svg>
  );
}
