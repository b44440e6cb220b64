import { parentPort, workerData } from "node:worker_threads";
import { analyzeFile } from "../analyze-file";
import { ProviderIndex } from "../match";
import { readAtMost } from "../sources/read";
import type { AnalysisRequest, AnalysisReply, WorkerSettings } from "./protocol";

/**
 * The code a scan worker thread runs (bundled to plain JavaScript by bundle.ts): it reads
 * and analyses the files it is sent, by path, so no file's content crosses threads; only
 * each file's outcome (a few findings at most) comes back.
 */
const { maxFileBytes, providers } = workerData as WorkerSettings;
const index = new ProviderIndex(providers);

parentPort!.on("message", (request: AnalysisRequest) => {
  const outcomes = request.jobs.map((job) => analyzeFile(job, () => readAtMost(job.absolute, maxFileBytes), index));
  parentPort!.postMessage({ id: request.id, outcomes } satisfies AnalysisReply);
});
