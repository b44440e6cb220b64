import { Worker } from "node:worker_threads";
import type { FileOutcome } from "../analyze-file";
import { workerCode } from "./bundle";
import type { AnalysisReply, AnalysisRequest, WorkerJob, WorkerSettings } from "./protocol";

/**
 * Worker threads that read and analyse batches of files for one scan. Each batch goes to
 * the worker with the fewest batches outstanding. A batch whose worker fails is rejected
 * (the scan analyses it on its own thread instead); closing terminates every worker.
 */
export type AnalysisPool = {
  analyze(jobs: WorkerJob[]): Promise<FileOutcome[]>;
  close(): Promise<void>;
};

type Pending = { resolve: (outcomes: FileOutcome[]) => void; reject: (error: Error) => void };
type Member = { worker: Worker; pending: Map<number, Pending>; alive: boolean };

/** Null when worker threads cannot be had here (no bundled code, or threads refused). */
export async function startPool(count: number, settings: WorkerSettings): Promise<AnalysisPool | null> {
  const code = await workerCode();
  if (!code || count < 1) return null;
  const members: Member[] = [];
  try {
    for (let i = 0; i < count; i++) members.push(member(new Worker(code, { eval: true, workerData: settings })));
  } catch {
    await Promise.all(members.map((m) => m.worker.terminate()));
    return null;
  }
  let nextId = 0;
  return {
    analyze(jobs) {
      const live = members.filter((m) => m.alive);
      if (!live.length) return Promise.reject(new Error("no scan worker is running"));
      const target = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<FileOutcome[]>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.worker.postMessage({ id, jobs } satisfies AnalysisRequest);
      });
    },
    async close() {
      for (const m of members) fail(m, new Error("the scan's workers were closed"));
      await Promise.all(members.map((m) => m.worker.terminate()));
    },
  };
}

function member(worker: Worker): Member {
  const m: Member = { worker, pending: new Map(), alive: true };
  worker.on("message", (reply: AnalysisReply) => {
    const pending = m.pending.get(reply.id);
    m.pending.delete(reply.id);
    pending?.resolve(reply.outcomes);
  });
  worker.on("error", (error) => fail(m, error));
  worker.on("exit", () => fail(m, new Error("a scan worker stopped")));
  return m;
}

function fail(m: Member, error: Error) {
  m.alive = false;
  for (const p of m.pending.values()) p.reject(error);
  m.pending.clear();
}
