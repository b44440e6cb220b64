import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import type { Contributor } from "./root-cause";
import { seriesKey } from "./series-keys";
import { MS_PER_DAY } from "~/time/days";

/**
 * Anomalies as people see them (the intelligence page, cost cards) and the feedback they
 * give: "expected" dismisses an anomaly and makes its series less sensitive, "confirmed"
 * makes it more sensitive, within bounds, for the detection runs that follow.
 */
export const SENSITIVITY = { dismissed: 1.25, confirmed: 0.9, min: 0.6, max: 3 } as const;

export async function listAnomalies(organizationId: string, take = 100) {
  const rows = await prisma.anomaly.findMany({
    where: { organizationId },
    orderBy: [{ alertAt: "desc" }],
    take,
  });
  return rows.map(viewOf);
}

export function viewOf(a: Awaited<ReturnType<typeof prisma.anomaly.findMany>>[number]) {
  return {
    id: a.id,
    seriesKey: a.seriesKey,
    seriesLabel: a.seriesLabel,
    granularity: a.granularity === "DAY" ? ("day" as const) : ("hour" as const),
    kind: a.kind.toLowerCase() as "spike" | "drop" | "level_shift" | "pattern_change" | "drift",
    severity: a.severity === "CRITICAL" ? ("critical" as const) : ("warning" as const),
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    alertAt: a.alertAt.toISOString(),
    endedAt: a.endedAt.toISOString(),
    open: a.open,
    expectedUsd: Number(a.expectedUsd),
    actualUsd: Number(a.actualUsd),
    rootCause: (a.rootCause ?? []) as Contributor[],
  };
}
export type AnomalyView = ReturnType<typeof viewOf>;

/** Days (YYYY-MM-DD) in daily anomalies of these subscriptions, between two days; dismissed ones left out. */
export async function anomalyDays(
  organizationId: string,
  subscriptionIds: readonly string[],
  from: string,
  to: string,
) {
  const keys = subscriptionIds.map((id) => seriesKey({ kind: "subscription", id }));
  const rows = await prisma.anomaly.findMany({
    where: {
      organizationId,
      seriesKey: { in: keys },
      granularity: "DAY",
      status: { not: "DISMISSED" },
      endedAt: { gte: new Date(`${from}T00:00:00Z`) },
      startedAt: { lte: new Date(`${to}T00:00:00Z`) },
    },
    select: { subjectId: true, startedAt: true, endedAt: true, severity: true },
  });
  const days = new Map<string, { day: string; severity: "warning" | "critical" }[]>();
  for (const row of rows) {
    const list = days.get(row.subjectId) ?? [];
    for (let t = row.startedAt.getTime(); t <= row.endedAt.getTime(); t += MS_PER_DAY) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (day >= from && day <= to) list.push({ day, severity: row.severity === "CRITICAL" ? "critical" : "warning" });
    }
    days.set(row.subjectId, list);
  }
  return days;
}

export const FeedbackSchema = z.object({
  anomalyId: z.string().uuid("Choose an anomaly."),
  verdict: z.enum(["expected", "confirmed"], { error: "Say whether it was expected or a real problem." }),
});

/** Records people's verdict and moves the series' sensitivity; false when the anomaly is not the organisation's. */
export async function giveFeedback(
  organizationId: string,
  { anomalyId, verdict }: z.infer<typeof FeedbackSchema>,
  origin: AuditOrigin & { userId: string },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const anomaly = await tx.anomaly.findFirst({ where: { id: anomalyId, organizationId } });
    if (!anomaly) return false;
    const status = verdict === "expected" ? "DISMISSED" : "CONFIRMED";
    if (anomaly.status === status) return true;
    await tx.anomaly.update({
      where: { id: anomaly.id },
      data: { status, feedbackById: origin.userId, feedbackAt: new Date() },
    });
    const factor = verdict === "expected" ? SENSITIVITY.dismissed : SENSITIVITY.confirmed;
    // Undo the earlier verdict's effect before applying this one.
    const undo =
      anomaly.status === "DISMISSED"
        ? 1 / SENSITIVITY.dismissed
        : anomaly.status === "CONFIRMED"
          ? 1 / SENSITIVITY.confirmed
          : 1;
    const where = { organizationId, seriesKey: anomaly.seriesKey, granularity: anomaly.granularity };
    const state = await tx.detectionState.findUnique({ where: { organizationId_seriesKey_granularity: where } });
    const sensitivity = Math.min(SENSITIVITY.max, Math.max(SENSITIVITY.min, (state?.sensitivity ?? 1) * undo * factor));
    await tx.detectionState.upsert({
      where: { organizationId_seriesKey_granularity: where },
      create: { ...where, sensitivity },
      update: { sensitivity },
    });
    await recordAudit(
      {
        ...origin,
        organizationId,
        action: verdict === "expected" ? "anomaly.dismissed" : "anomaly.confirmed",
        target: { type: "anomaly", id: anomaly.id, label: anomaly.seriesLabel },
        before: { status: anomaly.status, sensitivity: state?.sensitivity ?? 1 },
        after: { status, sensitivity },
      },
      tx,
    );
    return true;
  });
}
