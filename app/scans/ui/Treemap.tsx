import { hierarchy, treemap, treemapSquarify } from "d3-hierarchy";
import { useMemo } from "react";

/**
 * A two-level treemap (groups of tiles) drawn as SVG: area is the number of findings.
 * Each tile is a link-free focusable cell with a title; a list under it says the same
 * in words for screen readers.
 */
export type TreemapLeaf = { group: string; label: string; value: number; color: string };

const WIDTH = 960;
const HEIGHT = 360;

export function Treemap({ leaves, caption }: { leaves: TreemapLeaf[]; caption: string }) {
  const layout = useMemo(() => {
    const groups = new Map<string, TreemapLeaf[]>();
    for (const leaf of leaves) groups.set(leaf.group, [...(groups.get(leaf.group) ?? []), leaf]);
    type Node = { name: string; children?: Node[]; leaf?: TreemapLeaf };
    const root = hierarchy<Node>({
      name: "root",
      children: [...groups].map(([name, items]) => ({
        name,
        children: items.map((leaf) => ({ name: leaf.label, leaf })),
      })),
    })
      .sum((d) => d.leaf?.value ?? 0)
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    return treemap<Node>()
      .size([WIDTH, HEIGHT])
      .tile(treemapSquarify)
      .paddingOuter(3)
      .paddingTop(20)
      .paddingInner(2)
      .round(true)(root);
  }, [leaves]);

  if (!leaves.length) return <p className="empty">Nothing to draw yet.</p>;
  return (
    <figure className="treemap">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={caption}>
        {layout.children?.map((group) => (
          <g key={group.data.name}>
            <rect
              x={group.x0}
              y={group.y0}
              width={group.x1 - group.x0}
              height={group.y1 - group.y0}
              className="treemap-group"
            />
            <text x={group.x0 + 5} y={group.y0 + 14} className="treemap-group-label">
              {clip(`${group.data.name} (${group.value})`, (group.x1 - group.x0) / 7)}
            </text>
            {group.leaves().map((node) => {
              const w = node.x1 - node.x0;
              const h = node.y1 - node.y0;
              const leaf = node.data.leaf!;
              return (
                <g
                  key={`${group.data.name}/${leaf.label}`}
                  className="treemap-tile"
                  tabIndex={0}
                  aria-label={`${leaf.group} › ${leaf.label}: ${leaf.value}`}
                >
                  <title>{`${leaf.group} › ${leaf.label}: ${leaf.value} finding${leaf.value === 1 ? "" : "s"}`}</title>
                  <rect x={node.x0} y={node.y0} width={w} height={h} fill={leaf.color} />
                  {w > 40 && h > 16 ? (
                    <text x={node.x0 + 4} y={node.y0 + 13} className="treemap-label">
                      {clip(leaf.label, w / 7)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="visually-hidden">
        <ul>
          {leaves.map((l) => (
            <li key={`${l.group}/${l.label}`}>{`${l.group} › ${l.label}: ${l.value}`}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function clip(text: string, chars: number) {
  const max = Math.max(0, Math.floor(chars));
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** One colour per provider category, stable across pages. */
const CATEGORY_COLORS: Record<string, string> = {
  payments: "#6366f1",
  ai: "#0ea5e9",
  messaging: "#f97316",
  email: "#f59e0b",
  "developer-tools": "#64748b",
  monitoring: "#a855f7",
  collaboration: "#14b8a6",
  crm: "#ec4899",
  maps: "#22c55e",
  search: "#3b82f6",
  auth: "#ef4444",
  analytics: "#8b5cf6",
  cloud: "#0891b2",
  media: "#d946ef",
  commerce: "#84cc16",
  content: "#78716c",
  realtime: "#fb7185",
  shipping: "#a16207",
  social: "#2563eb",
};

export function categoryColor(category: string) {
  return CATEGORY_COLORS[category] ?? "#94a3b8";
}
