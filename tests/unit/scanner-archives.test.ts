import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScan } from "~/scanner/run";
import { ArchiveError, safeEntryPath } from "~/scanner/sources/archive";
import { tarGzOf, tarOf, zipOf } from "../support/archives";
import { used } from "../support/scan-tree";

/** Uploaded archives are hostile until proven otherwise. */
const dir = mkdtempSync(path.join(os.tmpdir(), "archive-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function save(bytes: Buffer, ext: string) {
  const file = path.join(dir, `a${n++}.${ext}`);
  writeFileSync(file, bytes);
  return file;
}
const skippedReasons = (result: { skipped: { path: string; reason: string }[] }) =>
  Object.fromEntries(result.skipped.map((s) => [s.path, s.reason]));

describe("archives: what is in them", () => {
  it("scans a .tar.gz from inside its single top folder, as GitHub tarballs are laid out", async () => {
    const file = save(
      tarGzOf([
        { name: "shop-main/", type: "dir" },
        { name: "shop-main/src/pay.ts", body: `import Stripe from "stripe";` },
        { name: "shop-main/README.md", body: "hi" },
      ]),
      "tar.gz",
    );
    const result = await runScan({ kind: "archive", file, label: "shop.tar.gz" });
    expect(used(result)).toEqual(["stripe"]);
    expect(result.findings[0]!.file).toBe("src/pay.ts");
    expect(result.source).toEqual({ kind: "archive", label: "shop.tar.gz" });
  });

  it("scans a .zip", async () => {
    const file = save(zipOf([{ name: "app/ai.py", body: "from openai import OpenAI\n" }]), "zip");
    expect(used(await runScan({ kind: "archive", file }))).toEqual(["openai"]);
  });

  it("refuses files that are not archives", async () => {
    const file = save(Buffer.from("just text"), "zip");
    await expect(runScan({ kind: "archive", file })).rejects.toThrow(
      new ArchiveError("That file is not a .tar.gz, .tar or .zip archive."),
    );
  });
});

describe("archives: paths and links that escape", () => {
  it("checks every entry name", () => {
    expect(safeEntryPath("src/a.ts")).toEqual({ ok: true, path: "src/a.ts" });
    expect(safeEntryPath("./src//a.ts")).toEqual({ ok: true, path: "src/a.ts" });
    expect(safeEntryPath("../a.ts")).toMatchObject({ ok: false, reason: "path escapes the folder (..)" });
    expect(safeEntryPath("src/../../a.ts")).toMatchObject({ ok: false });
    expect(safeEntryPath("/etc/cron.d/x")).toMatchObject({
      ok: false,
      reason: "path escapes the folder (absolute path)",
    });
    expect(safeEntryPath("C:\\Windows\\x.ts")).toMatchObject({ ok: false });
    expect(safeEntryPath("..\\..\\x.ts")).toMatchObject({ ok: false });
  });

  it("skips tar entries that escape the folder and links, and writes nothing outside", async () => {
    const marker = `escaped-${Date.now()}.ts`;
    const file = save(
      tarOf([
        { name: "src/ok.ts", body: `import { Resend } from "resend";` },
        { name: `../${marker}`, body: `import Stripe from "stripe";` },
        { name: `/tmp/${marker}`, body: `import Stripe from "stripe";` },
        { name: "src/passwd.ts", type: "symlink", target: "../../../../etc/passwd" },
        { name: "src/alias.ts", type: "symlink", target: "ok.ts" },
        { name: "src/hard.ts", type: "hardlink", target: "/etc/shadow" },
        { name: "src/ok.ts", body: `import twilio from "twilio";` },
      ]),
      "tar",
    );
    const result = await runScan({ kind: "archive", file });
    expect(used(result)).toEqual(["resend"]);
    const reasons = skippedReasons(result);
    expect(reasons[`../${marker}`]).toBe("path escapes the folder (..)");
    expect(reasons[`/tmp/${marker}`]).toBe("path escapes the folder (absolute path)");
    expect(reasons["src/passwd.ts"]).toBe("link pointing outside the folder");
    expect(reasons["src/alias.ts"]).toBe("symbolic link (not followed)");
    expect(reasons["src/hard.ts"]).toBe("link pointing outside the folder");
    expect(result.skipped.find((s) => s.path === "src/ok.ts")?.reason).toMatch(/duplicate/);
    expect(existsSync(path.join(os.tmpdir(), marker))).toBe(false);
    expect(existsSync(path.join("/tmp", marker))).toBe(false);
  });

  it("skips zip entries that escape the folder and zip symlinks", async () => {
    const file = save(
      zipOf([
        { name: "ok.py", body: "import anthropic\n" },
        { name: "../../evil.py", body: "import stripe\n" },
        { name: "link.py", body: "/etc/passwd", symlink: true },
      ]),
      "zip",
    );
    const result = await runScan({ kind: "archive", file });
    expect(used(result)).toEqual(["anthropic"]);
    expect(skippedReasons(result)).toMatchObject({
      "../../evil.py": "path escapes the folder (..)",
      "link.py": "link pointing outside the folder",
    });
  });
});

describe("archives: bombs and limits", () => {
  it("refuses a tar.gz that expands past the limit, counting what comes out", async () => {
    const zeros = Buffer.alloc(3_000_000);
    const file = save(
      tarGzOf([
        { name: "a.ts", body: "export {}" },
        { name: "blob.bin", body: zeros },
        { name: "b.bin", body: zeros },
      ]),
      "tar.gz",
    );
    expect((await import("node:fs")).statSync(file).size).toBeLessThan(50_000);
    await expect(runScan({ kind: "archive", file }, { limits: { maxExpandedBytes: 4_000_000 } })).rejects.toThrow(
      /expands past the limit of 4 MB/,
    );
  });

  it("skips a file larger than the per-file limit but counts it towards the expansion budget", async () => {
    const file = save(
      tarGzOf([
        { name: "huge.ts", body: "x".repeat(3_000) },
        { name: "ok.ts", body: `import OpenAI from "openai";` },
      ]),
      "tar.gz",
    );
    const result = await runScan({ kind: "archive", file }, { limits: { maxFileBytes: 1_000 } });
    expect(used(result)).toEqual(["openai"]);
    expect(skippedReasons(result)["huge.ts"]).toBe("larger than 0 MB");
  });

  it("refuses a zip entry compressed far beyond what source code compresses to", async () => {
    const file = save(zipOf([{ name: "bomb.ts", body: Buffer.alloc(5_000_000, 0x20) }]), "zip");
    await expect(runScan({ kind: "archive", file }, { limits: { maxFileBytes: 10_000_000 } })).rejects.toThrow(
      /compressed \d+:1, past the limit/,
    );
  });

  it("refuses a zip whose headers lie about an entry's size", async () => {
    const file = save(zipOf([{ name: "liar.ts", body: "x".repeat(5_000), declaredSize: 10 }]), "zip");
    await expect(runScan({ kind: "archive", file })).rejects.toThrow(ArchiveError);
  });

  it("refuses archives with too many entries", async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.ts`, body: "export {}" }));
    const file = save(tarGzOf(entries), "tar.gz");
    await expect(runScan({ kind: "archive", file }, { limits: { maxEntries: 20 } })).rejects.toThrow(
      /more than 20 entries/,
    );
  });
});
