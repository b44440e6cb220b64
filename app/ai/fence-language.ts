import { isLanguageId, type LanguageId } from "~/codegen/languages";

/** The product's language for a code fence's info string (```ts, ```bash, ...), if it is one of ours. */
const FENCES: Record<string, LanguageId> = {
  ts: "typescript",
  tsx: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  node: "javascript",
  py: "python",
  python3: "python",
  golang: "go",
  rb: "ruby",
  sh: "curl",
  bash: "curl",
  shell: "curl",
  zsh: "curl",
  console: "curl",
  cs: "csharp",
  "c#": "csharp",
  kt: "kotlin",
  rs: "rust",
};

export function languageOfFence(fence: string | null | undefined, fallback: string): LanguageId {
  const name = (fence ?? "").toLowerCase();
  if (isLanguageId(name)) return name;
  if (FENCES[name]) return FENCES[name];
  return isLanguageId(fallback) ? fallback : "typescript";
}
