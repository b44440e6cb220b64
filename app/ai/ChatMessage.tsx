import type { AiChatMessage } from "./room-types";
import { CodeBlock } from "~/components/CodeBlock";
import { LANGUAGES, isLanguageId } from "~/codegen/languages";
import { AnswerMarkdown, type CodeContext } from "./AnswerMarkdown";
import { formatCount, formatUsd } from "~/format/numbers";
import { MODELS, isModelId } from "./model-settings";
import { AI_OFF_LABEL } from "./spec-answer-label";

type Message = Omit<AiChatMessage, "chunks"> & { chunks: readonly string[] };

const MODE_LABELS = { GENERATE: "Generate", EXPLAIN: "Explain", DEBUG: "Debug" } as const;

export function ChatMessage({
  message,
  workspaceId,
  canSave,
  apiName,
}: {
  message: Message;
  workspaceId: string;
  canSave: boolean;
  apiName: string | null;
}) {
  const language = isLanguageId(message.language) ? LANGUAGES[message.language].label : message.language;
  if (message.role === "user") {
    return (
      <li className="chat-message from-user" data-testid="chat-question" data-message-id={message.id}>
        <p className="message-meta">
          <strong>{message.authorName}</strong> · {MODE_LABELS[message.mode]} · {language}
          {apiName ? ` · ${apiName}` : ""}
        </p>
        {message.content ? <p className="question-text">{message.content}</p> : null}
        {message.code ? <CodeBlock code={message.code} language={message.language} label="Pasted code" /> : null}
        {message.errorText ? <CodeBlock code={message.errorText} language={null} label="Pasted error" /> : null}
      </li>
    );
  }
  const text = message.content + message.chunks.join("");
  const context: CodeContext = { workspaceId, canSave, language: message.language, apiSlug: message.apiSlug };
  const model =
    message.usage && isModelId(message.usage.model) ? MODELS[message.usage.model].label : message.usage?.model;
  return (
    <li
      className={`chat-message from-ai status-${message.status}`}
      data-testid="chat-answer"
      data-message-id={message.id}
      data-status={message.status}
      data-updated-at={message.updatedAt}
      aria-busy={message.status === "streaming"}
    >
      <p className="message-meta">
        <strong>{message.source === "spec" ? "Spec generator" : "Claude"}</strong>
        {message.source === "spec" ? <span className="badge ai-off">{AI_OFF_LABEL}</span> : null}
        {message.status === "streaming" ? <span className="badge streaming">writing…</span> : null}
      </p>
      {text ? (
        <AnswerMarkdown text={text} context={context} />
      ) : message.status === "streaming" ? (
        <p className="muted">Claude is thinking…</p>
      ) : null}
      {message.failure ? (
        <p className="form-error" role="alert" data-testid="answer-failure">
          {message.failure}
        </p>
      ) : null}
      {message.usage ? (
        <p className="usage-line" data-testid="answer-usage">
          {formatCount(message.usage.inputTokens)} input + {formatCount(message.usage.outputTokens)} output tokens ·{" "}
          <strong>{formatUsd(message.usage.costUsd)}</strong> · {model}
        </p>
      ) : null}
    </li>
  );
}
