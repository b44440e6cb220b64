import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs Liveblocks' local dev server (the real sync engine, on Bun from npm) for
 * `npm start` and the tests. Its data goes to `dataDir` (the server keeps
 * .liveblocks/ under its working directory), or to a throwaway folder with persist off.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bun = path.join(root, "node_modules/bun/bin/bun.exe");
const cli = path.join(root, "node_modules/liveblocks/dist/index.js");

export const LOCAL_SECRET_KEY = "sk_localdev";
/**
 * The dev server only ever listens on loopback: it accepts unsigned tokens, ignores
 * read-only access and has an unauthenticated /crash endpoint, so it is for this machine only.
 */
export const DEV_SERVER_HOST = "127.0.0.1";

/** Bun and the liveblocks CLI are development dependencies: a server using hosted Liveblocks has neither. */
export const liveblocksDevServerInstalled = () => fs.existsSync(bun) && fs.existsSync(cli);

export type LiveblocksDevServer = { baseUrl: string; process: ChildProcess; stop: () => Promise<void> };

export async function startLiveblocksDevServer(options: {
  port: number;
  dataDir?: string;
  persist: boolean;
  log?: (line: string) => void;
}): Promise<LiveblocksDevServer> {
  const cwd = options.dataDir ?? root;
  fs.mkdirSync(cwd, { recursive: true });
  const pidFile = path.join(cwd, "liveblocks-dev.pid");
  await stopStaleServer(pidFile);

  const args = [
    cli,
    "dev",
    "--port",
    String(options.port),
    "--host",
    DEV_SERVER_HOST,
    "--no-check",
    options.persist ? "--persist" : "--no-persist",
  ];
  const child = spawn(bun, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  fs.writeFileSync(pidFile, String(child.pid));
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      options.log?.(line);
    }
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);

  const baseUrl = `http://${DEV_SERVER_HOST}:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([new Promise((r) => child.once("exit", r)), sleep(3000).then(() => child.kill("SIGKILL"))]);
    }
    fs.rmSync(pidFile, { force: true });
  };

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The Liveblocks dev server exited (${child.exitCode}):\n${tail.join("\n")}`);
    if (await answers(baseUrl)) return { baseUrl, process: child, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`The Liveblocks dev server did not answer on ${baseUrl} within 30 s:\n${tail.join("\n")}`);
}

async function answers(baseUrl: string) {
  try {
    const res = await fetch(`${baseUrl}/v2/rooms`, { headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` } });
    return res.status < 500;
  } catch {
    return false;
  }
}

/** After a `kill -9` of `npm start`, its Bun child lives on and holds the port: stop it. */
async function stopStaleServer(pidFile: string) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  fs.rmSync(pidFile, { force: true });
  if (!pid) return;
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return; // not running
  }
  if (!cmdline.includes("liveblocks")) return; // the pid was reused by something else
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && fs.existsSync(`/proc/${pid}`); i++) await sleep(100);
  if (fs.existsSync(`/proc/${pid}`)) process.kill(pid, "SIGKILL");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
