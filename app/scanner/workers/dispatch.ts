import { analyzeFile, type FileJob, type FileOutcome } from "../analyze-file";
import type { InOrder } from "../in-order";
import type { ProviderIndex } from "../match";
import type { SourceFile } from "../types";
import { startPool, type AnalysisPool } from "./pool";
import type { WorkerJob } from "./protocol";

/**
 * Where a scan's files are read and analysed: on the scan's own thread until the tree is
 * known to be large, then in worker threads, in batches. Files listed while the workers
 * start wait for them (the scan's thread keeps listing meanwhile); if they cannot start, or
 * a batch's worker fails, those files are analysed on the scan's thread after all. Every
 * outcome goes to `results` in listing order, so the scan's result does not depend on which
 * thread analysed what.
 */
export type Parallel = {
  /** Worker threads; 0 keeps every file on the scan's own thread. */
  workers: number;
  /** Files listed before workers are started: below this their start-up costs more than they save. */
  fromFiles: number;
  /** Files per message to a worker. */
  batchFiles: number;
};

type Batch = { jobs: WorkerJob[]; reads: (() => Buffer)[]; fill: (outcomes: FileOutcome[]) => void };

export class FileAnalysis {
  private state: "here" | "starting" | "workers" = "here";
  private pool: AnalysisPool | null = null;
  private open: Batch | null = null;
  private held: Batch[] = [];
  private inFlight: Promise<void>[] = [];
  private closed = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly index: ProviderIndex,
    private readonly results: InOrder<FileOutcome[]>,
    private readonly parallel: Parallel,
    private readonly maxFileBytes: number,
  ) {}

  /** Told how many files are listed so far; starts the workers once that is enough. */
  listed(files: number) {
    if (this.state !== "here" || this.parallel.workers < 1 || files < this.parallel.fromFiles) return;
    this.state = "starting";
    this.starting = startPool(this.parallel.workers, { maxFileBytes: this.maxFileBytes, providers: this.index.providers })
      .catch(() => null)
      .then((pool) => {
        if (this.closed) return void pool?.close();
        this.pool = pool;
        this.state = pool ? "workers" : "here";
        const held = this.held;
        this.held = [];
        for (const batch of held) this.send(batch);
      });
  }

  analyze(file: SourceFile, job: FileJob) {
    if (this.state === "here") return this.results.push([analyzeFile(job, file.read, this.index)]);
    const batch = (this.open ??= { jobs: [], reads: [], fill: this.results.reserve() });
    batch.jobs.push({ ...job, absolute: file.absolute });
    batch.reads.push(file.read);
    if (batch.jobs.length >= this.parallel.batchFiles) this.flush();
  }

  /** Once everything is listed: sends what is left and waits for every outcome. */
  async finish() {
    this.flush();
    await this.starting;
    while (this.inFlight.length) {
      const waiting = this.inFlight;
      this.inFlight = [];
      await Promise.all(waiting);
    }
  }

  close() {
    this.closed = true;
    void this.pool?.close();
  }

  private flush() {
    const batch = this.open;
    this.open = null;
    if (!batch) return;
    if (this.state === "starting") this.held.push(batch);
    else this.send(batch);
  }

  private send(batch: Batch) {
    if (!this.pool) return this.here(batch);
    this.inFlight.push(this.pool.analyze(batch.jobs).then(batch.fill, () => this.here(batch)));
  }

  private here(batch: Batch) {
    if (!this.closed) batch.fill(batch.jobs.map((job, i) => analyzeFile(job, batch.reads[i]!, this.index)));
  }
}
