import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scanFolder, type ScanOptions } from "~/scanner/scan";
import type { ScanResult } from "~/scanner/types";
import { isPositive } from "~/scanner/verdicts";

/**
 * Writes a small source tree to a temporary folder and scans it with the real scanner.
 * Values are file contents (string or bytes), or { link } for a symbolic link.
 */
export type Tree = Record<string, string | Buffer | { link: string }>;

export function writeTree(tree: Tree) {
  const root = mkdtempSync(path.join(os.tmpdir(), "scan-test-"));
  for (const [file, content] of Object.entries(tree)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === "object" && !Buffer.isBuffer(content)) symlinkSync(content.link, full);
    else writeFileSync(full, content);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function scanTree(tree: Tree, options: ScanOptions = {}): Promise<ScanResult> {
  const { root, remove } = writeTree(tree);
  try {
    return await scanFolder(root, { kind: "folder", label: "test" }, options);
  } finally {
    remove();
  }
}

/** Providers the scan counts as used. */
export const used = (result: ScanResult) =>
  result.providers
    .filter((p) => isPositive(p.verdict))
    .map((p) => p.provider)
    .sort();

export const verdictOf = (result: ScanResult, provider: string) =>
  result.providers.find((p) => p.provider === provider)?.verdict ?? "none";

export const findingsOf = (result: ScanResult, provider: string) =>
  result.findings.filter((f) => f.provider === provider);
