import { LANGUAGES, type LanguageId } from "~/codegen/languages";

/** How to run a snippet on your own machine, for languages the browser sandbox can't run. */
const STEPS: Partial<Record<LanguageId, string[]>> = {
  python: ["pip install requests (or the SDK the code imports)", "python snippet.py"],
  go: ["go mod init snippet && go mod tidy", "go run snippet.go"],
  java: ["Java 11+ runs a single file directly:", "java Main.java"],
  ruby: ["gem install the gems it requires, if any", "ruby snippet.rb"],
  php: ["composer require guzzlehttp/guzzle (or the SDK it uses)", "php snippet.php"],
  curl: ["Paste it into a terminal (bash or zsh)."],
  csharp: ["dotnet new console -o snippet && cd snippet", "replace Program.cs with the code, then: dotnet run"],
  kotlin: ["add the dependencies to a Gradle project", "./gradlew run"],
  swift: ["swift snippet.swift"],
  rust: [
    "cargo new snippet && cd snippet",
    "add reqwest and tokio to Cargo.toml, replace src/main.rs, then: cargo run",
  ],
};

export function runLocallySteps(language: string): string[] {
  const steps = STEPS[language as LanguageId] ?? [];
  const file = language in LANGUAGES ? `snippet.${LANGUAGES[language as LanguageId].extension}` : "the file";
  return [
    `Save the code as ${file}.`,
    "Set the API key's environment variable (e.g. export STRIPE_API_KEY=...).",
    ...steps,
  ];
}

export const RUNNABLE_IN_BROWSER = new Set(["javascript", "typescript"]);
