import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The worker threads' code as one plain JavaScript file, bundled from entry.ts with esbuild
 * once per process (tens of milliseconds) and kept in memory. Workers started from it are
 * ready in tens of milliseconds; starting them with the TypeScript loader (tsx) took 1 to 4 s
 * each, more than a whole scan of a large repository. Null when the sources or esbuild are
 * not there (a build that bundled the scanner elsewhere): scans then stay on their own thread.
 */
let bundled: Promise<string | null> | undefined;

export function workerCode(): Promise<string | null> {
  return (bundled ??= build().catch(() => null));
}

async function build(): Promise<string | null> {
  // Not `new URL("./entry.ts", import.meta.url)`: Vite would copy that file as an asset.
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "entry.ts");
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? null;
}
