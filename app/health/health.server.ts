import { prisma } from "~/db/client.server";
import { isLiveblocksStatus, liveblocks } from "~/rooms/liveblocks.server";

type Check = { ok: boolean; ms: number; error?: string };

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 3000))]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // Say which part is down, not how: no connection strings or stack traces.
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error && error.message === "timed out" ? "timed out" : "unreachable",
    };
  }
}

export async function checkHealth() {
  const [database, sync] = await Promise.all([
    timed(() => prisma.$queryRaw`SELECT 1`),
    // Any answer from the sync engine's REST API means it is up; 404 for a room that
    // does not exist is such an answer.
    timed(() =>
      liveblocks()
        .getRoom("healthcheck")
        .catch((error: unknown) => {
          if (!isLiveblocksStatus(error, 404)) throw error;
        }),
    ),
  ]);
  return { ok: database.ok && sync.ok, database, sync };
}
