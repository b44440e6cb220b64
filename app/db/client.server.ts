import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/config/env.server";
import { createPgAdapter } from "./pg-adapter";

export function createPrismaClient() {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  return new PrismaClient({ adapter: createPgAdapter(DATABASE_URL, { max: DATABASE_POOL_SIZE }) });
}

// One client per process; kept on globalThis so Vite's dev reloads don't open new pools.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient());
