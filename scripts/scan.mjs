// `npm run scan`: the scanner's command line (scripts/scan.ts), run from one bundled file so it
// starts in a fraction of the time TypeScript compilation at start-up takes. The bundle is
// rebuilt first when any of its sources changed since it was built (esbuild, about a second).
// Plain JavaScript on purpose: this file runs before anything is compiled.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "build/cli");
const entry = path.join(outdir, "scan.mjs");
const inputsFile = path.join(outdir, "inputs.json");

function stale() {
  if (!existsSync(entry) || !existsSync(inputsFile)) return true;
  const built = statSync(entry).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  return inputs.some((file) => {
    try {
      return statSync(path.join(root, file)).mtimeMs > built;
    } catch {
      return true; // a source was moved or deleted
    }
  });
}

/** JSON data as JSON.parse of a string: V8 parses that several times faster than the same object literal. */
const jsonAsString = {
  name: "json-as-string",
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, ({ path: file }) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(file, "utf8"))))});`,
      loader: "js",
    }));
  },
};

if (stale()) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: { scan: path.join(root, "scripts/scan.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    alias: { "~": path.join(root, "app") },
    // Packages with their own CommonJS internals need a require in ESM output.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    metafile: true,
    logLevel: "warning",
    plugins: [jsonAsString],
  });
  const { writeFileSync } = await import("node:fs");
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
  writeFileSync(inputsFile, JSON.stringify(inputs));
}
await import(pathToFileURL(entry).href);
