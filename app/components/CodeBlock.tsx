import { common, createLowlight } from "lowlight";
import { Fragment, useMemo, type ReactNode } from "react";

/**
 * Highlighted code, rendered as React elements from lowlight's syntax tree (highlight.js
 * grammars): no HTML string is ever injected, so code holding `<script>` or quotes is
 * shown as text, on the server and in the browser alike.
 */
const lowlight = createLowlight(common);

/** The part of lowlight's tree (hast) this renderer reads: spans with classes, and text. */
type Node = { type: string; value?: string; tagName?: string; properties?: { className?: unknown }; children?: Node[] };

const ALIASES: Record<string, string> = {
  curl: "bash",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  ts: "typescript",
  tsx: "typescript",
  js: "javascript",
  jsx: "javascript",
  py: "python",
  rb: "ruby",
  golang: "go",
  kt: "kotlin",
  rs: "rust",
  cs: "csharp",
};

export function grammarFor(language: string | null | undefined): string | null {
  if (!language) return null;
  const name = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
  return lowlight.registered(name) ? name : null;
}

function render(nodes: Node[], keyPrefix: string): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${keyPrefix}.${index}`;
    if (node.type === "text") return <Fragment key={key}>{node.value}</Fragment>;
    if (node.type !== "element") return null;
    const className = node.properties?.className;
    return (
      <span key={key} className={Array.isArray(className) ? className.join(" ") : undefined}>
        {render(node.children ?? [], key)}
      </span>
    );
  });
}

export function HighlightedCode({ code, language }: { code: string; language: string | null | undefined }) {
  const tree = useMemo(() => {
    const grammar = grammarFor(language);
    return grammar ? (lowlight.highlight(grammar, code).children as Node[]) : null;
  }, [code, language]);
  return <code className="hljs">{tree ? render(tree, "h") : code}</code>;
}

export function CodeBlock({
  code,
  language,
  label,
}: {
  code: string;
  language: string | null | undefined;
  label?: string;
}) {
  return (
    <pre className="code-block" aria-label={label ?? (language ? `${language} code` : "Code")} tabIndex={0}>
      <HighlightedCode code={code} language={language} />
    </pre>
  );
}
