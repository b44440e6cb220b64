import type { Recommendation } from "../recommendations";
import { formatUsd } from "~/format/numbers";

const KIND_LABEL: Record<Recommendation["kind"], string> = {
  caching: "Caching",
  batching: "Batching",
  "unused-keys": "Key hygiene",
  "duplicate-providers": "Two providers, one job",
  "cheaper-plan": "Cheaper plan",
  "cheaper-alternative": "Cheaper alternative",
};

export function Recommendations({ items }: { items: Recommendation[] }) {
  if (!items.length)
    return (
      <p className="empty">No recommendations: nothing in this code looks wasteful against the catalog's prices.</p>
    );
  return (
    <ol className="recommendations">
      {items.map((r) => (
        <li key={r.id} className="recommendation" data-kind={r.kind}>
          <div className="recommendation-head">
            <span className="tag">{KIND_LABEL[r.kind]}</span>
            <strong>{r.title}</strong>
            <span className={r.monthlySaving > 0 ? "saving" : "muted"}>
              {r.monthlySaving > 0 ? `saves ~${formatUsd(r.monthlySaving)}/month` : "no direct saving"}
            </span>
          </div>
          {r.keys ? (
            <ul className="hygiene">
              {r.keys.map((k) => (
                <li key={k.text}>{k.text}</li>
              ))}
            </ul>
          ) : (
            <p>{r.detail}</p>
          )}
          <p className="muted small">{r.savingNote}</p>
          {r.citations.length ? (
            <ul className="citations">
              {r.citations.map((c) => (
                <li key={`${c.file}:${c.line}`}>
                  <code>
                    {c.file}:{c.line}
                  </code>{" "}
                  <code className="snippet">{c.snippet}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
