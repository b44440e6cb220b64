import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { root } from "../scripts/lib/processes";

/**
 * The app's import graph by layer (docs/architecture.md): routes on top; the kinds registry;
 * room kinds and capabilities in the middle; generic code at the bottom. Counts every import
 * (static, dynamic and type-only) that runs upward, kinds importing each other, and pairs of
 * capabilities that import each other (cycles between folders).
 *
 *   npx tsx bench/import-graph.ts
 */
const app = path.join(root, "app");
const GENERIC = new Set([
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
]);
const RANK = { generic: 0, capability: 1, kind: 1, registry: 2, route: 3 } as const;
type Layer = keyof typeof RANK;

function layerOf(file: string): { layer: Layer; folder: string } | null {
  const relative = path.relative(app, file);
  if (relative.startsWith("..")) return null;
  const [first, second] = relative.split(path.sep);
  if (!second) return { layer: "route", folder: first! }; // root.tsx, entry.*.tsx
  if (first === "routes") return { layer: "route", folder: "routes" };
  if (first === "kinds")
    return relative.split(path.sep).length === 2
      ? { layer: "registry", folder: "kinds" }
      : { layer: "kind", folder: `kinds/${second}` };
  if (GENERIC.has(first!)) return { layer: "generic", folder: first! };
  return { layer: "capability", folder: first! };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function resolve(specifier: string, from: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(app, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  base = base.replace(/\?.*$/, "");
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

const upward: string[] = [];
const betweenKinds: string[] = [];
const edges = new Set<string>();
let imports = 0;
for (const file of sourceFiles(app)) {
  const from = layerOf(file)!;
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  for (const { fileName } of info.importedFiles) {
    const target = resolve(fileName, file);
    const to = target ? layerOf(target) : null;
    if (!to) continue;
    imports++;
    const line = `${path.relative(root, file)} → ${path.relative(root, target!)}`;
    if (RANK[to.layer] > RANK[from.layer]) upward.push(line);
    if (from.layer === "kind" && to.layer === "kind" && from.folder !== to.folder) betweenKinds.push(line);
    if (from.layer === "capability" && to.layer === "capability" && from.folder !== to.folder)
      edges.add(`${from.folder} ${to.folder}`);
  }
}
const cycles = [...edges]
  .map((edge) => edge.split(" "))
  .filter(([a, b]) => a! < b! && edges.has(`${b} ${a}`))
  .map(([a, b]) => `${a} ↔ ${b}`);

console.log(`${imports} imports between app modules`);
console.log(`upward (a lower layer importing a higher one): ${upward.length}`);
for (const line of upward) console.log(`  ${line}`);
console.log(`between kinds (not through the registry): ${betweenKinds.length}`);
for (const line of betweenKinds) console.log(`  ${line}`);
console.log(`capabilities importing each other: ${cycles.length}${cycles.length ? ` (${cycles.join(", ")})` : ""}`);
