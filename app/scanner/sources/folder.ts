import { promises as fs } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { LIMITS } from "../limits";
import { classifyPath, skippedDirReason } from "../paths";
import type { Skipped, SourceFile } from "../types";

/**
 * The files of a folder that the scanner reads, in a stable order, honouring every
 * .gitignore on the way down (as git does: a pattern applies below the folder of its file).
 * Dependency and build folders are not entered, links are never followed, and files too
 * large to be source are set aside: each with its reason.
 */
export type Listing = { files: SourceFile[]; skipped: Skipped[]; ignored: number; otherFiles: number };

type Rules = { base: string; rules: Ignore };

export async function listFolder(root: string, options: { maxFileBytes?: number; signal?: AbortSignal } = {}): Promise<Listing> {
  const maxFileBytes = options.maxFileBytes ?? LIMITS.maxFileBytes;
  const realRoot = await fs.realpath(root);
  const files: SourceFile[] = [];
  const skipped: Skipped[] = [];
  let ignored = 0;
  let otherFiles = 0;

  const isIgnored = (rel: string, isDir: boolean, rules: Rules[]) =>
    rules.some(({ base, rules }) => {
      const local = base ? rel.slice(base.length + 1) : rel;
      return rules.ignores(isDir ? `${local}/` : local);
    });

  async function walk(rel: string, inherited: Rules[]) {
    options.signal?.throwIfAborted();
    const dir = path.join(realRoot, rel);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let rules = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      const text = await fs.readFile(path.join(dir, ".gitignore"), "utf8").catch(() => "");
      rules = [...inherited, { base: rel, rules: ignore().add(text) }];
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        const target = await fs.realpath(path.join(dir, entry.name)).catch(() => null);
        const inside = target !== null && (target === realRoot || target.startsWith(realRoot + path.sep));
        skipped.push({ path: childRel, reason: inside ? "symbolic link (not followed)" : "link pointing outside the folder" });
        continue;
      }
      if (entry.isDirectory()) {
        const reason = skippedDirReason(entry.name);
        if (reason) skipped.push({ path: `${childRel}/`, reason });
        else if (isIgnored(childRel, true, rules)) ignored++;
        else subdirs.push(childRel);
        continue;
      }
      if (!entry.isFile()) continue;
      if (isIgnored(childRel, false, rules)) {
        ignored++;
        continue;
      }
      const kind = classifyPath(childRel);
      if (kind.kind === "other") {
        otherFiles++;
        continue;
      }
      const full = path.join(dir, entry.name);
      files.push({ path: childRel, read: () => readAtMost(full, maxFileBytes) });
    }
    for (const sub of subdirs) await walk(sub, rules);
  }

  await walk("", []);
  return { files, skipped, ignored, otherFiles };
}

/** Reads a file unless it is larger than `max` bytes (checked on the open file, so it cannot grow in between). */
async function readAtMost(file: string, max: number) {
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > max) throw new TooLargeError(size, max);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export class TooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`larger than ${Math.round(max / 1_000_000)} MB`);
  }
}
