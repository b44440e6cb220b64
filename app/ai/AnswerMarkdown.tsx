import { useState } from "react";
import Markdown, { type Components } from "react-markdown";
import { CodeBlock } from "~/components/CodeBlock";
import { RUNNABLE_IN_BROWSER } from "~/snippets/run-locally";
import { SandboxRunner } from "~/snippets/SandboxRunner";
import { languageOfFence } from "./fence-language";
import { SaveSnippet } from "./SaveSnippet";

/**
 * An answer's Markdown: prose, and code blocks with Copy, Save as snippet and (for
 * JavaScript and TypeScript) Run. react-markdown builds React elements and ignores raw
 * HTML, so nothing a model writes is injected as markup; link URLs are sanitised.
 */
type HastNode = { type: string; value?: string; properties?: { className?: unknown }; children?: HastNode[] };

const textOf = (node: HastNode | undefined): string =>
  !node ? "" : node.type === "text" ? (node.value ?? "") : (node.children ?? []).map(textOf).join("");

export type CodeContext = { workspaceId: string; canSave: boolean; language: string; apiSlug: string | null };

function AnswerCode({ code, fence, context }: { code: string; fence: string | null; context: CodeContext }) {
  const language = languageOfFence(fence, context.language);
  const [panel, setPanel] = useState<"none" | "save" | "run">("none");
  const [copied, setCopied] = useState(false);
  return (
    <div className="answer-code" data-testid="answer-code" data-language={language}>
      <CodeBlock code={code} language={fence ?? language} />
      <div className="code-actions">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard?.writeText(code).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
        {context.canSave ? (
          <button
            type="button"
            onClick={() => setPanel(panel === "save" ? "none" : "save")}
            aria-expanded={panel === "save"}
          >
            Save as snippet
          </button>
        ) : null}
        {RUNNABLE_IN_BROWSER.has(language) ? (
          <button
            type="button"
            onClick={() => setPanel(panel === "run" ? "none" : "run")}
            aria-expanded={panel === "run"}
          >
            Run…
          </button>
        ) : null}
      </div>
      {panel === "save" ? (
        <SaveSnippet
          workspaceId={context.workspaceId}
          code={code}
          language={language}
          apiSlug={context.apiSlug}
          onClose={() => setPanel("none")}
        />
      ) : null}
      {panel === "run" ? <SandboxRunner code={code} language={language} /> : null}
    </div>
  );
}

export function AnswerMarkdown({ text, context }: { text: string; context: CodeContext }) {
  const components: Components = {
    pre: ({ node }) => {
      const codeNode = (node as HastNode | undefined)?.children?.find((c) => c.type === "element");
      const className = codeNode?.properties?.className;
      const fence = Array.isArray(className)
        ? (className
            .find((c) => String(c).startsWith("language-"))
            ?.toString()
            .slice(9) ?? null)
        : null;
      return <AnswerCode code={textOf(codeNode).replace(/\n$/, "")} fence={fence} context={context} />;
    },
    a: ({ href, children }) => (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ),
  };
  return (
    <div className="answer-markdown">
      <Markdown components={components} skipHtml>
        {text}
      </Markdown>
    </div>
  );
}
