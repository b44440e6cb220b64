import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-db.mjs";
import { startLiveblocksDevServer } from "../../scripts/lib/liveblocks-dev";
import { freePort } from "../../scripts/lib/processes";

/**
 * `npm start` must come back after a `kill -9`, which leaves its PostgreSQL and its
 * Liveblocks dev server running as orphans holding their ports and lock files.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "crash-"));
fs.chmodSync(scratch, 0o755); // PostgreSQL runs as user postgres and must reach its data dir
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const isRunning = (pid: number) =>
  fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

describe("starting again after a kill -9", () => {
  it("stops the orphaned Liveblocks dev server and takes its port back", async () => {
    const port = await freePort();
    const dataDir = path.join(scratch, "liveblocks");
    const orphan = await startLiveblocksDevServer({ port, dataDir, persist: true });
    const orphanPid = orphan.process.pid!;
    // Not stopped: as if its parent had been killed.

    const second = await startLiveblocksDevServer({ port, dataDir, persist: true });
    try {
      expect(isRunning(orphanPid)).toBe(false);
      expect(second.process.pid).not.toBe(orphanPid);
      const res = await fetch(`${second.baseUrl}/v2/rooms`, { headers: { Authorization: "Bearer sk_localdev" } });
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("stops a PostgreSQL orphaned by its killed parent and starts on the same data", async () => {
    const dir = path.join(scratch, "pg");
    const port = await freePort();
    // A separate Node process starts PostgreSQL, writes a row, and is then killed with SIGKILL.
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.resolve("scripts/lib/embedded-db.mjs"))});
      const pg = (await import("pg")).default;
      const db = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port}, database: "crash" });
      const c = new pg.Client({ connectionString: db.url }); await c.connect();
      await c.query("CREATE TABLE survived (n int); INSERT INTO survived VALUES (42)"); await c.end();
      console.log("ready"); setInterval(() => {}, 1e9);`;
    const parent = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      parent.once("exit", (code) => reject(new Error(`the parent exited early (${code})`)));
    });
    parent.kill("SIGKILL");
    await new Promise((r) => parent.once("exit", r));
    const orphanPid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(isRunning(orphanPid)).toBe(true);

    const db = await startEmbeddedPostgres({ dir, port, database: "crash" });
    try {
      expect(db.stalePidStopped).toBe(orphanPid);
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query("SELECT n FROM survived");
      await client.end();
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await db.stop();
    }
  });
});
