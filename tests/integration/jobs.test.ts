import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { prisma } from "~/db/client.server";
import { boss } from "~/jobs/boss.server";
import { defineJob, JobFailure } from "~/jobs/define.server";
import { cancelJob, createJob, enqueue } from "~/jobs/queue.server";
import { startJobWorkers, sweepJobs, type Workers } from "~/jobs/worker.server";
import { createWorkspaceWith } from "../support/factories";

/**
 * The job queue against real PostgreSQL and pg-boss: jobs run, report progress, fail with
 * readable messages, retry, get cancelled (waiting or running), and jobs a crash left
 * unsent are sent by the sweep.
 */
process.env.JOB_POLL_SECONDS = "0.5";
const runs: string[] = [];
const gate = { release: () => {} };

const echo = defineJob({
  name: "test.echo",
  data: z.object({ word: z.string() }),
  run: async ({ word }, ctx) => {
    ctx.progress(1, 2, "Halfway");
    ctx.progress(2, 2, "Almost");
    runs.push(word);
  },
});

const slow = defineJob({
  name: "test.slow",
  data: z.object({ steps: z.number() }),
  run: async ({ steps }, ctx) => {
    for (let i = 0; i < steps; i++) {
      ctx.signal.throwIfAborted();
      ctx.progress(i, steps, `Step ${i}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  },
});

let flakyCalls = 0;
const flaky = defineJob({
  name: "test.flaky",
  data: z.object({}),
  retryLimit: 1,
  retryDelaySeconds: 1,
  run: async () => {
    flakyCalls++;
    throw new Error("connection reset by peer at 10.0.0.3:5432 (internal detail)");
  },
});

const refusing = defineJob({
  name: "test.refusing",
  data: z.object({}),
  retryLimit: 3,
  run: async () => {
    throw new JobFailure("GitHub says acme/missing does not exist.");
  },
});

const blocked = defineJob({
  name: "test.blocked",
  data: z.object({}),
  run: () => new Promise<void>((resolve) => (gate.release = resolve)),
});

const scheduled = defineJob({
  name: "test.scheduled",
  data: z.object({}),
  cron: "0 3 * * *",
  cronData: {},
  run: async () => {},
});

const fair = defineJob({
  name: "test.fair",
  data: z.object({ n: z.number() }),
  fairByWorkspace: true,
  run: async () => {},
});
const held = new Set<string>();
const releaseAll = { done: false };
const holding = defineJob({
  name: "test.holding",
  data: z.object({ n: z.number() }),
  concurrency: 5,
  run: async ({ n }) => {
    if (releaseAll.done) return;
    held.add(String(n));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (held.has(String(n))) return;
        clearInterval(check);
        resolve();
      }, 20);
    });
  },
});

let workers: Workers;
beforeAll(async () => {
  workers = await startJobWorkers([echo, slow, flaky, refusing, scheduled, holding]);
});
afterAll(async () => {
  await workers.stop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: timeoutMs, interval: 100 },
  );
}
const row = (id: string) => prisma.backgroundJob.findUniqueOrThrow({ where: { id } });

describe("background jobs", () => {
  it("runs a job and records its progress and outcome", async () => {
    const job = await enqueue(echo, { word: "hello" });
    const done = await until(
      () => row(job.id),
      (j) => j.status === "SUCCEEDED",
    );
    expect(runs).toContain("hello");
    expect(done).toMatchObject({ progressDone: 2, progressTotal: 2, message: "Done", attempts: 1, error: null });
    expect(done.finishedAt).not.toBeNull();
  });

  it("validates job data before anything is written", async () => {
    await expect(enqueue(echo, { word: 3 } as unknown as { word: string })).rejects.toThrow();
  });

  it("cancels a running job through its signal", async () => {
    const job = await enqueue(slow, { steps: 200 });
    await until(
      () => row(job.id),
      (j) => j.status === "RUNNING" && j.progressDone > 0,
    );
    expect(await cancelJob(job.id)).toBe("requested");
    const cancelled = await until(
      () => row(job.id),
      (j) => j.status === "CANCELLED",
      5_000,
    );
    expect(cancelled.message).toBe("Cancelled.");
    expect(cancelled.progressDone).toBeLessThan(200);
  });

  it("cancels a job still waiting, which then never runs", async () => {
    // No worker listens to test.blocked in this file: the job waits.
    const job = await enqueue(blocked, {});
    expect(await cancelJob(job.id)).toBe("cancelled");
    expect((await row(job.id)).status).toBe("CANCELLED");
    const pgboss = await (await boss()).getJobById("test.blocked", job.id);
    expect(pgboss?.state).toBe("cancelled");
    expect(await cancelJob(job.id)).toBe("finished");
  });

  it("retries an unexpected failure, then fails with a message that reveals nothing internal", async () => {
    const job = await enqueue(flaky, {});
    const failed = await until(
      () => row(job.id),
      (j) => j.status === "FAILED",
      20_000,
    );
    expect(flakyCalls).toBe(2);
    expect(failed.attempts).toBe(2);
    expect(failed.error).toBe("Something went wrong while running this job.");
    expect(failed.error).not.toContain("10.0.0.3");
  });

  it("fails at once, without retries, on a JobFailure, with its message", async () => {
    const job = await enqueue(refusing, {});
    const failed = await until(
      () => row(job.id),
      (j) => j.status === "FAILED",
    );
    expect(failed).toMatchObject({ attempts: 1, error: "GitHub says acme/missing does not exist." });
  });

  it("sends jobs a crash left unsent (written, never dispatched)", async () => {
    const job = await prisma.$transaction((tx) => createJob(tx, echo, { word: "recovered" }));
    await prisma.backgroundJob.update({
      where: { id: job.id },
      data: { createdAt: new Date(Date.now() - 5 * 60_000) },
    });
    await sweepJobs([echo]);
    await until(
      () => row(job.id),
      (j) => j.status === "SUCCEEDED",
    );
    expect(runs).toContain("recovered");
  });

  it("registers cron schedules once for all servers", async () => {
    const schedules = await (await boss()).getSchedules();
    expect(schedules.find((s) => s.name === "test.scheduled")).toMatchObject({ cron: "0 3 * * *" });
  });
});

describe("sharing a queue fairly between workspaces", () => {
  it("takes each workspace's first job before any workspace's second", async () => {
    const [a, b] = await Promise.all([createWorkspaceWith([]), createWorkspaceWith([])]);
    // No worker listens to test.fair: the jobs wait, and pg-boss hands them out in its own order.
    const sent: string[] = [];
    for (const [workspace, n] of [
      [a, 1],
      [a, 2],
      [a, 3],
      [b, 4],
      [a, 5],
      [b, 6],
    ] as const) {
      const job = await enqueue(fair, { n }, { workspaceId: workspace.id });
      sent.push(job.id);
    }
    const order: number[] = [];
    for (let i = 0; i < sent.length; i++) {
      const [next] = (await (await boss()).fetch<{ n: number }>("test.fair", { batchSize: 1, priority: true })) ?? [];
      order.push(next!.data.n);
    }
    expect(order).toEqual([1, 4, 2, 6, 3, 5]);
  });

  it("runs up to its concurrency at once in one process, and the rest as slots free up", async () => {
    try {
      const jobs = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => enqueue(holding, { n })));
      const running = () =>
        prisma.backgroundJob.count({ where: { id: { in: jobs.map((j) => j.id) }, status: "RUNNING" } });
      await until(running, (n) => n === 5);
      await new Promise((r) => setTimeout(r, 1500)); // polling again does not start a sixth
      expect(await running()).toBe(5);
      expect(held.size).toBe(5);
      held.delete([...held][0]!);
      await until(
        () => prisma.backgroundJob.count({ where: { id: { in: jobs.map((j) => j.id) }, status: { not: "QUEUED" } } }),
        (n) => n === 6,
      );
      releaseAll.done = true;
      held.clear();
      await until(
        () => prisma.backgroundJob.count({ where: { id: { in: jobs.map((j) => j.id) }, status: "SUCCEEDED" } }),
        (n) => n === 7,
      );
    } finally {
      held.clear();
    }
  });
});
