import { formatCount } from "~/format/numbers";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Parser, type ReadEntry } from "tar";
import yauzl from "yauzl";
import { LIMITS, type Limits } from "../limits";
import { classifyPath } from "../paths";
import type { Skipped } from "../types";

/**
 * Unpacks an uploaded .tar.gz / .tgz / .tar / .zip (or a GitHub tarball) into an empty
 * folder, safely: entry paths that would escape the folder, links, devices and files too
 * large to be source are not written (each with its reason), and the archive is refused as
 * soon as it expands past the limit, counted on the bytes that actually come out, never on
 * what its headers claim. Only files the scanner reads (and .gitignore files) are written.
 */
export class ArchiveError extends Error {}

export type Extraction = {
  skipped: Skipped[];
  entries: number;
  expandedBytes: number;
  otherFiles: number;
  root: string;
};

export type ArchiveFormat = "tar" | "zip";

export async function sniffArchive(file: string): Promise<ArchiveFormat | null> {
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x06054b50) return "zip"; // an empty zip
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar";
    if (bytesRead >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
    return null;
  } finally {
    await handle.close();
  }
}

export async function extractArchiveFile(
  file: string,
  dest: string,
  options: { limits?: Partial<Limits>; signal?: AbortSignal } = {},
) {
  const format = await sniffArchive(file);
  if (!format) throw new ArchiveError("That file is not a .tar.gz, .tar or .zip archive.");
  const { size } = await fs.stat(file);
  const limits = { ...LIMITS, ...options.limits };
  if (size > limits.maxArchiveBytes)
    throw new ArchiveError(`The archive is ${mb(size)}; the limit is ${mb(limits.maxArchiveBytes)}.`);
  return format === "zip"
    ? extractZip(file, dest, limits, options.signal)
    : extractTar(createReadStream(file), dest, limits, options.signal);
}

/** A relative path inside the folder, or why the entry's name is refused. */
export function safeEntryPath(name: string): { ok: true; path: string } | { ok: false; reason: string } {
  if (name.includes("\0")) return { ok: false, reason: "path escapes the folder (NUL byte in the name)" };
  const unified = name.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified))
    return { ok: false, reason: "path escapes the folder (absolute path)" };
  const parts = unified.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) return { ok: false, reason: "path escapes the folder (..)" };
  if (!parts.length) return { ok: false, reason: "empty path" };
  return { ok: true, path: parts.join("/") };
}

/** Whether an entry is worth writing: what the scanner reads, and the .gitignore files that steer it. */
function wanted(relative: string) {
  return relative.endsWith("/.gitignore") || relative === ".gitignore" || classifyPath(relative).kind !== "other";
}

/** Links are never created; the reason says whether the link would have pointed outside the folder. */
function linkReason(relative: string, target: string, kind: "symbolic" | "hard") {
  const base = kind === "hard" ? "" : path.posix.dirname(relative);
  const resolved = path.posix.normalize(path.posix.join(base, target.replace(/\\/g, "/")));
  const outside = target.startsWith("/") || resolved === ".." || resolved.startsWith("../");
  if (outside) return "link pointing outside the folder";
  return kind === "hard" ? "hard link (not extracted)" : "symbolic link (not followed)";
}

class Budget {
  expanded = 0;
  entries = 0;
  constructor(private readonly limits: Limits) {}
  entry() {
    if (++this.entries > this.limits.maxEntries)
      throw new ArchiveError(`The archive has more than ${formatCount(this.limits.maxEntries)} entries.`);
  }
  add(bytes: number) {
    this.expanded += bytes;
    if (this.expanded > this.limits.maxExpandedBytes) {
      throw new ArchiveError(
        `The archive expands past the limit of ${mb(this.limits.maxExpandedBytes)}: refused (it may be a decompression bomb).`,
      );
    }
  }
}

const DUPLICATE_REASON = "duplicate or conflicting path in the archive (kept the first)";

/**
 * Reads an entry (at most one file's worth of bytes, counted against the budget as they
 * arrive) and writes it. A name that collides with an earlier entry is skipped: "wx" never
 * writes through a file or link that already exists.
 */
async function writeEntry(
  stream: Readable,
  relative: string,
  dest: string,
  budget: Budget,
  maxFileBytes: number,
  skipped: Skipped[],
) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    budget.add(chunk.length);
    if (size > maxFileBytes) throw new ArchiveError(`${relative} is larger than its header said: refused.`);
    chunks.push(chunk);
  }
  const file = path.join(dest, relative);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, Buffer.concat(chunks), { flag: "wx", mode: 0o644 });
  } catch {
    skipped.push({ path: relative, reason: DUPLICATE_REASON });
  }
}

export async function extractTar(
  input: Readable,
  dest: string,
  limits: Limits = LIMITS,
  signal?: AbortSignal,
): Promise<Extraction> {
  const budget = new Budget(limits);
  const skipped: Skipped[] = [];
  let otherFiles = 0;
  let compressed = 0;
  const parser = new Parser({ strict: false, maxDecompressionRatio: limits.maxCompressionRatio * 10 });
  const failures: Error[] = [];
  const writes: Promise<void>[] = [];
  // Entries are written concurrently, so "wx" alone could let a later entry of the same name
  // win the race to create the file; names are claimed in archive order instead.
  const claimed = new Set<string>();
  const fail = (error: Error) => {
    failures.push(error);
    parser.abort(error);
  };

  parser.on("entry", (entry: ReadEntry) => {
    try {
      signal?.throwIfAborted();
      budget.entry();
      const named = safeEntryPath(entry.path);
      const type = entry.type;
      if (type === "Directory" || type === "GNUDumpDir") return void entry.resume();
      if (!named.ok) {
        skipped.push({ path: entry.path, reason: named.reason });
        budget.add(entry.size ?? 0);
        return void entry.resume();
      }
      if (type === "SymbolicLink" || type === "Link") {
        skipped.push({
          path: named.path,
          reason: linkReason(named.path, entry.linkpath ?? "", type === "Link" ? "hard" : "symbolic"),
        });
        return void entry.resume();
      }
      if (type !== "File" && type !== "OldFile" && type !== "ContiguousFile") {
        skipped.push({ path: named.path, reason: "device or special file" });
        return void entry.resume();
      }
      const size = entry.size ?? 0;
      if (!wanted(named.path)) {
        otherFiles++;
        budget.add(size); // drained, still counted: a bomb hidden in a file we skip is still a bomb
        return void entry.resume();
      }
      if (size > limits.maxFileBytes) {
        skipped.push({ path: named.path, reason: `larger than ${Math.round(limits.maxFileBytes / 1_000_000)} MB` });
        budget.add(size);
        return void entry.resume();
      }
      if (claimed.has(named.path)) {
        skipped.push({ path: named.path, reason: DUPLICATE_REASON });
        budget.add(size);
        return void entry.resume();
      }
      claimed.add(named.path);
      writes.push(
        writeEntry(entry as unknown as Readable, named.path, dest, budget, limits.maxFileBytes, skipped).catch(
          (error: Error) => fail(error),
        ),
      );
    } catch (error) {
      entry.resume();
      fail(error as Error);
    }
  });

  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      compressed += chunk.length;
      if (compressed > limits.maxArchiveBytes)
        return done(new ArchiveError(`The archive is larger than ${mb(limits.maxArchiveBytes)}.`));
      done(null, chunk);
    },
  });
  try {
    await pipeline(input, counter, parser as unknown as NodeJS.WritableStream, { signal });
  } catch (error) {
    // Writes already under way finish (or fail) first: the caller removes the folder next,
    // and a file landing in it meanwhile would turn a clear refusal into ENOTEMPTY.
    await Promise.allSettled(writes);
    if (failures[0]) throw failures[0];
    if (error instanceof ArchiveError || (error as Error).name === "AbortError") throw error;
    throw new ArchiveError(`The archive could not be read: ${tarMessage(error as Error)}`);
  }
  await Promise.all(writes);
  if (failures[0]) throw failures[0];
  if (budget.entries === 0 && compressed > 0) throw new ArchiveError("That file is not a readable tar archive.");
  return {
    skipped,
    entries: budget.entries,
    expandedBytes: budget.expanded,
    otherFiles,
    root: await singleTopFolder(dest),
  };
}

function tarMessage(error: Error) {
  if (/decompression ratio/i.test(error.message))
    return "it expands past the allowed ratio (it may be a decompression bomb).";
  return error.message.replace(/^TAR_\w+:\s*/, "");
}

export async function extractZip(
  file: string,
  dest: string,
  limits: Limits = LIMITS,
  signal?: AbortSignal,
): Promise<Extraction> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true },
      (error, z) =>
        error ? reject(new ArchiveError(`The zip archive could not be read: ${error.message}`)) : resolve(z),
    ),
  );
  const budget = new Budget(limits);
  const skipped: Skipped[] = [];
  let otherFiles = 0;

  await new Promise<void>((resolve, reject) => {
    const stop = (error: Error) => {
      zip.close();
      reject(
        error instanceof ArchiveError || error.name === "AbortError"
          ? error
          : new ArchiveError(`The zip archive could not be read: ${error.message}`),
      );
    };
    zip.on("error", stop);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      void (async () => {
        signal?.throwIfAborted();
        budget.entry();
        const rawName = entry.fileName as unknown as Buffer | string;
        const name = typeof rawName === "string" ? rawName : rawName.toString("utf8");
        const named = safeEntryPath(name);
        const isDir = name.endsWith("/");
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (isDir || mode === 0o040000) return;
        if (!named.ok) return void skipped.push({ path: name, reason: named.reason });
        if (mode === 0o120000) {
          const target = await readSmallEntry(zip, entry);
          return void skipped.push({ path: named.path, reason: linkReason(named.path, target, "symbolic") });
        }
        if (!wanted(named.path)) {
          otherFiles++;
          return;
        }
        if (entry.uncompressedSize > limits.maxFileBytes) {
          return void skipped.push({
            path: named.path,
            reason: `larger than ${Math.round(limits.maxFileBytes / 1_000_000)} MB`,
          });
        }
        if (
          entry.compressedSize > 0 &&
          entry.uncompressedSize / entry.compressedSize > limits.maxCompressionRatio &&
          entry.uncompressedSize > 64_000
        ) {
          throw new ArchiveError(
            `${named.path} is compressed ${Math.round(entry.uncompressedSize / entry.compressedSize)}:1, past the limit: refused (it may be a decompression bomb).`,
          );
        }
        if (entry.isEncrypted()) return void skipped.push({ path: named.path, reason: "encrypted entry" });
        const stream = await new Promise<Readable>((res, rej) =>
          zip.openReadStream(entry, (e, s) => (e ? rej(e) : res(s))),
        );
        await writeEntry(stream, named.path, dest, budget, limits.maxFileBytes, skipped);
      })()
        .then(() => zip.readEntry())
        .catch(stop);
    });
    zip.readEntry();
  });
  return {
    skipped,
    entries: budget.entries,
    expandedBytes: budget.expanded,
    otherFiles,
    root: await singleTopFolder(dest),
  };
}

async function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry) {
  if (entry.uncompressedSize > 4096) return "";
  const stream = await new Promise<Readable>((res, rej) => zip.openReadStream(entry, (e, s) => (e ? rej(e) : res(s))));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** GitHub tarballs and most uploads wrap everything in one folder ("repo-main/"): scan from inside it. */
async function singleTopFolder(dest: string) {
  const entries = await fs.readdir(dest, { withFileTypes: true });
  if (entries.length === 1 && entries[0]!.isDirectory()) return path.join(dest, entries[0]!.name);
  return dest;
}

function mb(bytes: number) {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
