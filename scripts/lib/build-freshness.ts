import fs from "node:fs";
import path from "node:path";
import { root } from "./processes";

/** True when the production build is missing or older than any source that goes into it. */
export function buildIsStale(): boolean {
  const built = path.join(root, "build/server/index.js");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const sources = ["app", "public", "liveblocks.config.ts", "vite.config.ts", "package-lock.json"];
  return sources.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "generated") continue; // Prisma's client, rewritten by every install
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}
