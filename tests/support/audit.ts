import { prisma } from "~/db/client.server";

/** An organisation's audit log, oldest first, in the columns tests compare. */
export const auditTrail = async (organizationId: string) =>
  (
    await prisma.auditEvent.findMany({
      where: { organizationId },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, actorName: true, targetLabel: true, before: true, after: true, ip: true },
    })
  ).map((e) => ({ ...e, before: e.before ?? undefined, after: e.after ?? undefined }));
