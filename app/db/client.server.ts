import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/config/env.server";
import { createPgAdapter } from "./pg-adapter";

export function createPrismaClient(url = env().DATABASE_URL) {
  return new PrismaClient({ adapter: createPgAdapter(url) });
}

// One client per process; kept on globalThis so Vite's dev reloads don't open new pools.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient());
