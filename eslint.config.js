import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers, top to bottom (docs/architecture.md):
 *   routes (and the document root)  → kinds and capabilities  → generic: rooms, db, config, http, jobs, …
 * An import may only point down or sideways within a layer; kinds reach one another only
 * through the registry (app/kinds/index.ts), and nothing below a layer imports it.
 */
const CAPABILITIES = [
  "ai",
  "audit",
  "auth",
  "canvas",
  "catalog",
  "codegen",
  "comments",
  "health",
  "keys",
  "notifications",
  "rate-limit",
  "requests",
  "scanner",
  "scans",
  "snippets",
  "usage",
  "workspaces",
];
const GENERIC = [
  "rooms",
  "db",
  "config",
  "http",
  "jobs",
  "components",
  "styles",
  "generated",
  "time",
  "format",
  "email",
];

/** What each layer may not import: everything above it. */
const UPPER_THAN = { generic: ["capability", "kind", "route"], capability: ["kind", "route"], kind: ["route"] };

export default tseslint.config(
  {
    ignores: [
      "build/**",
      ".cache/**",
      ".data/**",
      ".liveblocks/**",
      "app/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
      "public/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "no-control-regex": "off", // the scanner and validators match control characters on purpose
    },
  },
  {
    // Tests read raw room storage and wire formats whose shapes they assert on.
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { alwaysTryTypes: true, project: "./tsconfig.json" } },
      "boundaries/include": ["app/**/*", "liveblocks.config.ts"],
      "boundaries/elements": [
        { type: "route", pattern: "app/routes" },
        { type: "kind", pattern: "app/kinds/*", capture: ["kind"] },
        { type: "capability", pattern: CAPABILITIES.map((name) => `app/${name}`) },
        { type: "generic", pattern: GENERIC.map((name) => `app/${name}`) },
      ],
    },
    rules: {
      // "warn" until the room kinds move into app/kinds (issue 10): rooms/ and jobs/ still import capabilities.
      "boundaries/dependencies": [
        "warn",
        {
          default: "allow",
          policies: [
            {
              from: { element: { type: "generic" } },
              disallow: { to: { element: { types: { anyOf: UPPER_THAN.generic } } } },
            },
            {
              from: { element: { type: "capability" } },
              disallow: { to: { element: { types: { anyOf: UPPER_THAN.capability } } } },
            },
            {
              from: { element: { type: "kind" } },
              disallow: { to: { element: { types: { anyOf: UPPER_THAN.kind } } } },
            },
          ],
        },
      ],
    },
  },
);
