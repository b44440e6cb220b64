import { useState } from "react";
import type { Finding } from "~/scanner/types";

const KIND_LABEL: Record<Finding["kind"], string> = {
  "sdk-call": "SDK call",
  import: "import",
  "api-host": "API host",
  browser: "browser script",
  manifest: "dependency",
  "env-read": "reads key",
  "env-config": "configured key",
};

/** Findings with the code around them; filter by provider. */
export function Findings({
  findings,
  total,
  names,
}: {
  findings: Finding[];
  total: number;
  names: Record<string, string>;
}) {
  const providers = [...new Set(findings.map((f) => f.provider))];
  const [provider, setProvider] = useState("");
  const shown = findings.filter((f) => !provider || f.provider === provider);
  return (
    <div className="findings">
      <label className="inline-field">
        Provider{" "}
        <select value={provider} onChange={(e) => setProvider(e.target.value)}>
          <option value="">All ({findings.length})</option>
          {providers.map((p) => (
            <option key={p} value={p}>
              {names[p] ?? p}
            </option>
          ))}
        </select>
      </label>
      {total > findings.length ? (
        <p className="muted small">
          Showing {findings.length} of {total} findings; the JSON export has them all.
        </p>
      ) : null}
      <ul className="finding-list">
        {shown.map((f) => (
          <li
            key={`${f.provider}:${f.file}:${f.line}:${f.kind}:${f.operation ?? f.detail}`}
            className={`finding context-${f.context_kind}`}
          >
            <div className="finding-head">
              <strong>{names[f.provider] ?? f.provider}</strong>
              <span className="tag">{KIND_LABEL[f.kind]}</span>
              {f.operation ? <code>{f.operation}</code> : null}
              {f.inLoop ? <span className="tag warn">in a loop</span> : null}
              {f.context_kind !== "code" ? (
                <span className="tag muted">{f.context_kind === "test" ? "test / fixture" : "example / docs"}</span>
              ) : null}
              <code className="finding-where">
                {f.file}:{f.line}
              </code>
            </div>
            <pre className="code-context" aria-label={`${f.file} around line ${f.line}`}>
              {f.context.lines.map((text, i) => {
                const line = f.context.startLine + i;
                return (
                  <span key={line} className={line === f.line ? "hit" : undefined}>
                    <span className="line-no">{line}</span>
                    {text}
                    {"\n"}
                  </span>
                );
              })}
            </pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
