import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers, top to bottom (docs/architecture.md):
 *   routes and the app's top-level modules (root.tsx, background-jobs.server.ts)
 *   → the room-kind registry (app/kinds/*.ts)
 *   → room kinds (app/kinds/<kind>/) and capabilities (app/<capability>/)
 *   → generic: rooms, db, config, http, jobs, components, time, format, …
 * An import may only point down, or sideways between capabilities. Kinds may import
 * capabilities and generic code but never another kind; only the registry imports a kind,
 * and only its entry (index.ts, index.server.ts); routes reach kinds through the registry.
 */
const CAPABILITIES = [
  "ai",
  "audit",
  "auth",
  "billing",
  "canvas",
  "catalog",
  "codegen",
  "comments",
  "health",
  "intelligence",
  "keys",
  "notifications",
  "orgs",
  "rate-limit",
  "requests",
  "scanner",
  "scans",
  "snippets",
  "sso",
  "tokens",
  "usage",
  "webhooks",
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

/** How each layer is recognised: folders are elements, single files are file categories. */
const LAYER = {
  top: { file: { categories: "top" } },
  route: { element: { type: "route" } },
  "kind-registry": { file: { categories: "kind-registry" } },
  kind: { element: { type: "kind" } },
  capability: { element: { type: "capability" } },
  generic: { element: { type: "generic" } },
};

/** What each layer may not import: everything above it. */
const ABOVE = {
  generic: ["capability", "kind", "kind-registry", "route", "top"],
  capability: ["kind", "kind-registry", "route", "top"],
  kind: ["kind-registry", "route", "top"],
  "kind-registry": ["route", "top"],
};

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
      // Single files of a layer of their own: the registry, and the app's top-level modules.
      "boundaries/files": [
        { category: "kind-registry", pattern: "app/kinds/*.{ts,tsx}" },
        { category: "top", pattern: "app/*.{ts,tsx}" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            ...Object.entries(ABOVE).map(([layer, above]) => ({
              from: LAYER[layer],
              disallow: { to: above.map((upper) => LAYER[upper]) },
            })),
            {
              from: { element: { type: "kind" } },
              disallow: { to: { element: { type: "kind", captured: { kind: "!{{ from.captured.kind }}" } } } },
            },
            {
              from: LAYER["kind-registry"],
              disallow: { to: { element: { type: "kind", fileInternalPath: "!index{,.server}.ts" } } },
            },
            {
              from: LAYER.route,
              disallow: { to: LAYER.kind },
            },
          ],
        },
      ],
      // Its declarations are global (Liveblocks' types): importing it would hide a dependency on every kind.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/liveblocks.config"], message: "Use the global Liveblocks types instead." }] },
      ],
    },
  },
);
