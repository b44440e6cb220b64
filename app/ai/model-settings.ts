/**
 * Every setting of the AI playground's model calls, in one place: which Claude models an
 * organisation may choose, what each costs, and how answers are generated. Shared by the
 * server (calls, cost records) and the UI (model picker, cost labels).
 */
export type ModelInfo = {
  id: string;
  label: string;
  /** USD per million tokens, as Anthropic bills them. */
  inputPerMillion: number;
  outputPerMillion: number;
};

export const MODELS = {
  "claude-sonnet-4-20250514": {
    id: "claude-sonnet-4-20250514",
    label: "Claude Sonnet 4",
    inputPerMillion: 3,
    outputPerMillion: 15,
  },
  "claude-3-5-haiku-20241022": {
    id: "claude-3-5-haiku-20241022",
    label: "Claude Haiku 3.5",
    inputPerMillion: 0.8,
    outputPerMillion: 4,
  },
} as const satisfies Record<string, ModelInfo>;

export type ModelId = keyof typeof MODELS;
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];
export const DEFAULT_MODEL: ModelId = "claude-sonnet-4-20250514";

export const GENERATION = {
  maxTokens: 4096,
  temperature: 0.3,
  /** Retries of a request Claude refused (429, 5xx, 529 overloaded) before any answer began; the SDK backs off and honours retry-after. */
  maxRetries: 2,
  /** Fresh attempts after a stream broke before its first word reached the room: safe, nobody has seen anything yet. */
  maxStreamRestarts: 1,
  /** Longest silence inside a stream (Claude pings every few seconds) before it counts as dropped. */
  idleTimeoutMs: 30_000,
  /** Longest wait for the response to begin (the SDK's request timeout). */
  requestTimeoutMs: 60_000,
  /** How often streamed text is written into the room: small enough to look live, large enough not to flood the sync engine. */
  roomFlushMs: 50,
  /**
   * Room writes per second one app server sends in all, shared by its streaming answers:
   * with many answers at once each one's batches grow instead of the server and the sync
   * engine drowning in writes (bench/ai-stream.ts measures the effect).
   */
  roomWritesPerSecond: 1_000,
  /** How often streamed text is saved to PostgreSQL while it streams (a crash keeps what was said). */
  databaseFlushMs: 1_000,
} as const;

export function isModelId(value: string): value is ModelId {
  return Object.hasOwn(MODELS, value);
}

/** The organisation's model, or the default when it chose none (or one no longer offered). */
export function modelFor(organizationModel: string | null | undefined): ModelInfo {
  return organizationModel && isModelId(organizationModel) ? MODELS[organizationModel] : MODELS[DEFAULT_MODEL];
}

/** USD for one generation's tokens, rounded to the 8 decimals the database keeps. */
export function costUsd(model: ModelInfo, usage: { inputTokens: number; outputTokens: number }): number {
  const cost = (usage.inputTokens * model.inputPerMillion + usage.outputTokens * model.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}
