/**
 * The languages the product writes request code in, and the httpsnippet target that
 * writes each idiomatically (the usual HTTP client of the language, no extra helpers).
 * Shared by the UI (labels, file extensions) and the server (generation).
 */
export const LANGUAGES = {
  typescript: { label: "TypeScript", extension: "ts", target: "javascript", client: "fetch" },
  javascript: { label: "JavaScript", extension: "js", target: "javascript", client: "fetch" },
  python: { label: "Python", extension: "py", target: "python", client: "requests" },
  go: { label: "Go", extension: "go", target: "go", client: "native" },
  java: { label: "Java", extension: "java", target: "java", client: "nethttp" },
  ruby: { label: "Ruby", extension: "rb", target: "ruby", client: "native" },
  php: { label: "PHP", extension: "php", target: "php", client: "guzzle" },
  curl: { label: "cURL", extension: "sh", target: "shell", client: "curl" },
  csharp: { label: "C#", extension: "cs", target: "csharp", client: "httpclient" },
  kotlin: { label: "Kotlin", extension: "kt", target: "kotlin", client: "okhttp" },
  swift: { label: "Swift", extension: "swift", target: "swift", client: "nsurlsession" },
  rust: { label: "Rust", extension: "rs", target: "rust", client: "reqwest" },
} as const;

export type LanguageId = keyof typeof LANGUAGES;

export const LANGUAGE_IDS = Object.keys(LANGUAGES) as LanguageId[];

export function isLanguageId(value: string): value is LanguageId {
  return Object.hasOwn(LANGUAGES, value);
}
