import type { FileJob, FileOutcome } from "../analyze-file";
import type { Provider } from "../providers";

/** What the scan's thread and its worker threads say to each other. */
export type WorkerJob = FileJob & { /** Where to read the file: workers read their files themselves. */ absolute: string };
export type WorkerSettings = { maxFileBytes: number; /** The scan's catalog, already validated. */ providers: readonly Provider[] };
export type AnalysisRequest = { id: number; jobs: WorkerJob[] };
export type AnalysisReply = { id: number; outcomes: FileOutcome[] };
