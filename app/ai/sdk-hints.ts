import type { LanguageId } from "~/codegen/languages";

/**
 * The provider's official SDK per language, for the catalog's APIs. Users of snippet
 * generators complain most about raw HTTP code where an SDK exists, so the prompt names
 * the package to use; where none is listed, the language's usual HTTP client is idiomatic.
 */
type Hints = Partial<Record<LanguageId, string>>;

const node = (pkg: string): Hints => ({ typescript: `${pkg} (npm)`, javascript: `${pkg} (npm)` });

export const OFFICIAL_SDKS: Record<string, Hints> = {
  stripe: {
    ...node("stripe"),
    python: "stripe (PyPI)",
    go: "github.com/stripe/stripe-go/v82",
    java: "com.stripe:stripe-java",
    ruby: "stripe (gem)",
    php: "stripe/stripe-php (Composer)",
  },
  openai: {
    ...node("openai"),
    python: "openai (PyPI)",
    go: "github.com/openai/openai-go",
    java: "com.openai:openai-java",
    ruby: "openai (gem)",
  },
  anthropic: {
    ...node("@anthropic-ai/sdk"),
    python: "anthropic (PyPI)",
    go: "github.com/anthropics/anthropic-sdk-go",
    java: "com.anthropic:anthropic-java",
    ruby: "anthropic (gem)",
    php: "anthropic-ai/sdk (Composer)",
  },
  twilio: {
    ...node("twilio"),
    python: "twilio (PyPI)",
    go: "github.com/twilio/twilio-go",
    java: "com.twilio.sdk:twilio",
    ruby: "twilio-ruby (gem)",
    php: "twilio/sdk (Composer)",
  },
  sendgrid: {
    ...node("@sendgrid/mail"),
    python: "sendgrid (PyPI)",
    go: "github.com/sendgrid/sendgrid-go",
    java: "com.sendgrid:sendgrid-java",
    ruby: "sendgrid-ruby (gem)",
    php: "sendgrid/sendgrid (Composer)",
  },
  github: { ...node("octokit"), python: "PyGithub (PyPI)", go: "github.com/google/go-github", ruby: "octokit (gem)" },
  slack: { ...node("@slack/web-api"), python: "slack_sdk (PyPI)", java: "com.slack.api:slack-api-client" },
  algolia: {
    ...node("algoliasearch"),
    python: "algoliasearch (PyPI)",
    go: "github.com/algolia/algoliasearch-client-go/v4",
    java: "com.algolia:algoliasearch",
    ruby: "algolia (gem)",
    php: "algolia/algoliasearch-client-php (Composer)",
  },
  "google-maps": {
    ...node("@googlemaps/google-maps-services-js"),
    python: "googlemaps (PyPI)",
    go: "googlemaps.github.io/maps",
    java: "com.google.maps:google-maps-services",
  },
  mapbox: { ...node("@mapbox/mapbox-sdk") },
  postmark: {
    ...node("postmark"),
    python: "postmarker (PyPI)",
    ruby: "postmark (gem)",
    php: "wildbit/postmark-php (Composer)",
  },
  resend: {
    ...node("resend"),
    python: "resend (PyPI)",
    go: "github.com/resend/resend-go/v2",
    java: "com.resend:resend-java",
    ruby: "resend (gem)",
    php: "resend/resend-php (Composer)",
  },
};

/** The usual HTTP client of each language, for APIs without an official SDK there. */
export const HTTP_CLIENTS: Record<LanguageId, string> = {
  typescript: "the built-in fetch (Node 18+), typed",
  javascript: "the built-in fetch (Node 18+)",
  python: "requests",
  go: "net/http from the standard library",
  java: "java.net.http.HttpClient (Java 11+)",
  ruby: "Net::HTTP from the standard library",
  php: "Guzzle",
  curl: "curl on the command line",
  csharp: "System.Net.Http.HttpClient",
  kotlin: "OkHttp",
  swift: "URLSession",
  rust: "reqwest",
};

export function officialSdk(apiSlug: string | null | undefined, language: LanguageId): string | undefined {
  return apiSlug ? OFFICIAL_SDKS[apiSlug]?.[language] : undefined;
}
