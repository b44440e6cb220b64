import { prisma } from "~/db/client.server";
import { env } from "~/config/env.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { isSystemUser } from "~/rooms/system-users";

/**
 * The participant maximum of a session, enforced where tokens are issued. The room's
 * active users say who is connected; seats remember who was just given a token and may
 * still be connecting, so two people joining at once cannot both take the last place.
 * Deciding runs under a per-room transaction lock, so it holds across app servers.
 */
const SEAT_HOLD_MS = 30_000;

async function connectedPeople(roomId: string) {
  const active = await liveblocks().getActiveUsers(roomId);
  return active.data.map((u) => u.id).filter((id): id is string => typeof id === "string" && !isSystemUser(id));
}

/** Whether this person would get in now (for the page; the token endpoint decides). */
export async function hasRoomFor(
  roomId: string,
  userId: string,
  max = env().SESSION_MAX_PARTICIPANTS,
): Promise<boolean> {
  const [connected, recent] = await Promise.all([
    connectedPeople(roomId),
    prisma.sessionSeat.findMany({
      where: { roomId, issuedAt: { gt: new Date(Date.now() - SEAT_HOLD_MS) } },
      select: { userId: true },
    }),
  ]);
  const present = new Set([...connected, ...recent.map((s) => s.userId)]);
  return present.has(userId) || present.size < max;
}

export async function takeSeat(
  roomId: string,
  userId: string,
  max = env().SESSION_MAX_PARTICIPANTS,
): Promise<{ ok: true } | { ok: false; present: number }> {
  const connected = await connectedPeople(roomId);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`seat:${roomId}`}))`;
    const recent = await tx.sessionSeat.findMany({
      where: { roomId, issuedAt: { gt: new Date(Date.now() - SEAT_HOLD_MS) } },
      select: { userId: true },
    });
    const present = new Set([...connected, ...recent.map((s) => s.userId)]);
    if (!present.has(userId) && present.size >= max) return { ok: false as const, present: present.size };
    await tx.sessionSeat.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: { roomId, userId },
      update: { issuedAt: new Date() },
    });
    return { ok: true as const };
  });
}
