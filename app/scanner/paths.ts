import type { CodeLanguage } from "./providers";
import type { FindingContext } from "./types";

/**
 * What a path is, before anything is read: a folder never to enter (dependencies, build
 * output), a source file of a language the scanner reads, a manifest, a configuration file
 * that may name keys, or something else. Tests, fixtures and examples are read but
 * reported apart from the code that ships.
 */

/** Folders whose contents are other people's code or build output. */
const SKIPPED_DIRS = new Map<string, string>([
  ["node_modules", "installed dependencies (node_modules)"],
  ["bower_components", "installed dependencies (bower_components)"],
  ["jspm_packages", "installed dependencies (jspm_packages)"],
  ["vendor", "vendored dependencies (vendor/)"],
  ["third_party", "vendored dependencies (third_party/)"],
  ["third-party", "vendored dependencies (third-party/)"],
  ["thirdparty", "vendored dependencies (thirdparty/)"],
  ["site-packages", "installed dependencies (site-packages)"],
  [".venv", "a Python virtual environment"],
  ["venv", "a Python virtual environment"],
  ["Pods", "installed CocoaPods"],
  [".bundle", "installed gems (.bundle)"],
  [".yarn", "Yarn's cache"],
  [".git", "git's own data"],
  [".hg", "Mercurial's own data"],
  [".svn", "Subversion's own data"],
  [".next", "build output (.next)"],
  [".nuxt", "build output (.nuxt)"],
  [".svelte-kit", "build output (.svelte-kit)"],
  [".output", "build output (.output)"],
  [".turbo", "build cache (.turbo)"],
  [".cache", "a cache folder"],
  [".parcel-cache", "a cache folder"],
  ["__pycache__", "Python bytecode cache"],
  [".tox", "tox environments"],
  [".mypy_cache", "a cache folder"],
  [".pytest_cache", "a cache folder"],
  ["dist", "build output (dist/)"],
  ["coverage", "test coverage output"],
  ["storybook-static", "build output (storybook-static/)"],
]);

export function skippedDirReason(name: string): string | null {
  return SKIPPED_DIRS.get(name) ?? null;
}

const LANGUAGE_BY_EXTENSION: Record<string, CodeLanguage> = {
  js: "js",
  jsx: "js",
  ts: "js",
  tsx: "js",
  mjs: "js",
  cjs: "js",
  mts: "js",
  cts: "js",
  py: "python",
  go: "go",
  java: "java",
  kt: "java",
  rb: "ruby",
  rake: "ruby",
  php: "php",
  html: "html",
  htm: "html",
  erb: "html",
  ejs: "html",
  hbs: "html",
  handlebars: "html",
  mustache: "html",
  twig: "html",
  jinja: "html",
  jinja2: "html",
  j2: "html",
  njk: "html",
  liquid: "html",
  vue: "html",
  svelte: "html",
  astro: "html",
};

export type PathKind =
  | { kind: "code"; language: CodeLanguage }
  | { kind: "manifest"; manifest: ManifestKind }
  | { kind: "lockfile" }
  | { kind: "config" }
  | { kind: "other" };

export type ManifestKind =
  | "package.json"
  | "requirements"
  | "pyproject"
  | "setup.py"
  | "setup.cfg"
  | "pipfile"
  | "go.mod"
  | "pom.xml"
  | "gradle"
  | "gradle-catalog"
  | "gemfile"
  | "gemspec"
  | "composer.json";

const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "bun.lock",
  "poetry.lock",
  "pipfile.lock",
  "uv.lock",
  "pdm.lock",
  "go.sum",
  "composer.lock",
  "gemfile.lock",
  "gradle.lockfile",
]);

export function classifyPath(path: string): PathKind {
  const name = path.slice(path.lastIndexOf("/") + 1);
  // Most files are decided by their extension alone; setup.py and gems.rb are manifests.
  const dot = name.lastIndexOf(".");
  const byExtension = name.endsWith(".blade.php")
    ? "html"
    : dot > 0
      ? LANGUAGE_BY_EXTENSION[name.slice(dot + 1)]
      : undefined;
  if (byExtension && name !== "setup.py" && name !== "gems.rb" && !name.endsWith(".d.ts"))
    return { kind: "code", language: byExtension };
  const lower = name.toLowerCase();
  if (LOCKFILES.has(lower)) return { kind: "lockfile" };
  const manifest = manifestKind(lower);
  if (manifest) return { kind: "manifest", manifest };
  if (isEnvConfig(lower)) return { kind: "config" };
  return { kind: "other" };
}

function manifestKind(name: string): ManifestKind | null {
  if (name === "package.json") return "package.json";
  if (/^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(name)) return "requirements";
  if (name === "pyproject.toml") return "pyproject";
  if (name === "setup.py") return "setup.py";
  if (name === "setup.cfg") return "setup.cfg";
  if (name === "pipfile") return "pipfile";
  if (name === "go.mod") return "go.mod";
  if (name === "pom.xml") return "pom.xml";
  if (name === "build.gradle" || name === "build.gradle.kts") return "gradle";
  if (name.endsWith(".versions.toml")) return "gradle-catalog";
  if (name === "gemfile" || name === "gems.rb") return "gemfile";
  if (name.endsWith(".gemspec")) return "gemspec";
  if (name === "composer.json") return "composer.json";
  return null;
}

/** Files that list environment variables: where keys are configured. */
function isEnvConfig(name: string) {
  return (
    name === ".env" ||
    name.startsWith(".env.") ||
    name.endsWith(".env") ||
    /^docker-compose[\w.-]*\.ya?ml$/.test(name) ||
    /^compose[\w.-]*\.ya?ml$/.test(name) ||
    name === "app.json"
  );
}

/** Kotlin and Gradle source sets name test folders in camel case: jvmTest, androidTest, integrationTest. */
const TEST_SOURCE_SET = /^[a-z]+Tests?$|^testFixtures$/;
const TEST_DIRS = new Set([
  "test",
  "tests",
  "__tests__",
  "spec",
  "specs",
  "testdata",
  "test-data",
  "test_data",
  "fixtures",
  "__fixtures__",
  "__mocks__",
  "mocks",
  "e2e",
  "cypress",
  "integration-tests",
  "testutils",
  "testing",
]);
const EXAMPLE_DIRS = new Set([
  "example",
  "examples",
  "sample",
  "samples",
  "demo",
  "demos",
  "docs",
  "doc",
  "documentation",
  "website",
  "tutorial",
  "tutorials",
  "cookbook",
  "playground",
]);
const TEST_FILE =
  /(\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$)|(_test\.(go|py|rb)$)|(^test_.*\.py$)|(^conftest\.py$)|((Test|Tests|IT|Spec)\.(java|kt)$)|(_spec\.rb$)|(Test\.php$)/;

/** Whether a file's findings count as the code's own usage, or are reported apart. */
export function contextOf(path: string): FindingContext {
  const parts = path.split("/");
  const name = parts.pop()!;
  if (TEST_FILE.test(name)) return "test";
  for (const dir of parts) {
    const lower = dir.toLowerCase();
    if (TEST_DIRS.has(lower) || TEST_SOURCE_SET.test(dir)) return "test";
  }
  // Below a JVM source root the folders are a package name ("com.example.app",
  // "org.springframework.samples.petclinic"): they say nothing about what the code is for.
  const root = parts.findIndex((dir, i) => JVM_SOURCE_ROOTS.has(dir) && i > 0 && parts[i - 1] === "main");
  const folders = root >= 0 ? parts.slice(0, root) : parts;
  for (const dir of folders) if (EXAMPLE_DIRS.has(dir.toLowerCase())) return "example";
  return "code";
}

const JVM_SOURCE_ROOTS = new Set(["java", "kotlin", "scala", "groovy"]);

const CONFIG_DIRS = new Set(["config", "configs", "conf", "settings", "configuration"]);
const CONFIG_FILE = /^(settings|config|configuration|conf)\.(py|rb|php|js|ts|mjs|cjs)$|\.config\.(js|ts|mjs|cjs)$/;

/**
 * Configuration code (Laravel's config/*.php, Django's settings.py, next.config.js): it
 * reads every service's keys whether or not the app uses the service, so a key read there
 * counts as a configured key, and an API address there only as a mention.
 */
export function isConfigCode(path: string) {
  const parts = path.split("/");
  const name = parts.pop()!;
  return CONFIG_FILE.test(name) || parts.some((dir) => CONFIG_DIRS.has(dir.toLowerCase()));
}
