import { scanFolder } from "../../app/scanner/scan";

/**
 * One scan of a folder in a fresh process, for bench/scanner-throughput.ts: prints the
 * scan's own time (after start-up), what it read, and the process's peak memory.
 *   node --import tsx bench/lib/scan-once.ts <folder>
 */
const started = performance.now();
const result = await scanFolder(process.argv[2]!, { kind: "folder", label: "bench" });
console.log(
  JSON.stringify({
    ms: performance.now() - started,
    files: result.stats.filesScanned,
    bytes: result.stats.bytesScanned,
    maxRssKb: process.resourceUsage().maxRSS,
    providers: result.providers.filter((p) => p.verdict === "uses" || p.verdict === "likely").map((p) => p.provider),
  }),
);
