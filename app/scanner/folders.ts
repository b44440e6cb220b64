/**
 * The folder a file counts towards in "by folder" views: its top folder, or two levels
 * for the usual monorepo groupings (packages/api, services/billing, cmd/server).
 */
const GROUPING_DIRS = new Set([
  "packages",
  "apps",
  "services",
  "libs",
  "modules",
  "src",
  "cmd",
  "internal",
  "pkg",
  "lib",
  "app",
  "plugins",
]);

export function folderKey(path: string) {
  const parts = path.split("/");
  if (parts.length === 1) return "(root)";
  if (parts.length > 2 && GROUPING_DIRS.has(parts[0]!)) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}
