import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { sendWebhookEvent } from "~/webhooks/webhooks.server";
import { formatUsd } from "~/format/numbers";
import { KIND_LABELS } from "./detectors/types";
import type { Contributor } from "./root-cause";
import { describeTopContributor } from "./root-cause";
import { parseSeriesKey } from "./series-keys";
import { MS_PER_DAY } from "~/time/days";

/**
 * Announcing new anomalies: an in-app notification for the organisation's owners and admins
 * and the members of the team concerned, the "anomaly.detected" webhook event, and e-mail.
 *
 * One incident shows up in several series (the subscription, its operation, its key, its
 * team, its cost center, daily and hourly): only subscription, team and cost-center
 * anomalies are announced, and not when the same subscription, team or cost center was
 * announced in the last two days. The others are on the intelligence page.
 */
const QUIET_MS = 2 * MS_PER_DAY;
const ANNOUNCED_KINDS = new Set(["subscription", "team", "costCenter"]);

export async function notifyAnomalies(organizationId: string, anomalyIds: readonly string[]): Promise<number> {
  const now = new Date();
  const anomalies = await prisma.anomaly.findMany({
    where: { organizationId, id: { in: [...anomalyIds] }, notifiedAt: null },
    orderBy: { alertAt: "asc" },
  });
  const recent = await prisma.anomaly.findMany({
    where: { organizationId, notifiedAt: { gte: new Date(now.getTime() - QUIET_MS) } },
    select: { subjectId: true },
  });
  const quiet = new Set(recent.map((r) => r.subjectId));
  const subscriptions = await prisma.subscription.findMany({
    where: { team: { organizationId } },
    select: { id: true, teamId: true },
  });
  const teamOf = new Map(subscriptions.map((s) => [s.id, s.teamId]));
  let announced = 0;
  for (const anomaly of anomalies) {
    const ref = parseSeriesKey(anomaly.seriesKey);
    const subject = anomaly.subjectId;
    const covered =
      !ref ||
      !ANNOUNCED_KINDS.has(ref.kind) ||
      quiet.has(subject) ||
      (ref.kind === "team" && subscriptions.some((s) => s.teamId === subject && quiet.has(s.id)));
    await prisma.anomaly.update({ where: { id: anomaly.id }, data: { notifiedAt: now } });
    if (covered) continue;
    quiet.add(subject);
    if (ref.kind === "subscription") quiet.add(teamOf.get(subject) ?? "");
    announced++;

    const actual = Number(anomaly.actualUsd);
    const expected = Number(anomaly.expectedUsd);
    const cause = describeTopContributor((anomaly.rootCause ?? []) as Contributor[]);
    const day = anomaly.alertAt
      .toISOString()
      .slice(0, anomaly.granularity === "DAY" ? 10 : 16)
      .replace("T", " ");
    const title = `${anomaly.severity === "CRITICAL" ? "Critical" : "Warning"}: ${KIND_LABELS[kindOf(anomaly.kind)].toLowerCase()} in ${anomaly.seriesLabel} from ${day} UTC, ${formatUsd(actual, "rounded")} against ${formatUsd(expected, "rounded")} expected${cause ? `; ${cause}` : ""}.`;
    const link = `/orgs/${organizationId}/intelligence?anomaly=${anomaly.id}`;

    await notifyInApp(organizationId, ref.kind === "team" ? subject : (teamOf.get(ref.id) ?? null), title, link);
    await sendWebhookEvent(organizationId, {
      type: "anomaly.detected",
      text: title,
      link: env().APP_URL ? new URL(link, env().APP_URL).href : undefined,
      data: {
        anomalyId: anomaly.id,
        series: anomaly.seriesKey,
        seriesLabel: anomaly.seriesLabel,
        granularity: anomaly.granularity.toLowerCase(),
        kind: kindOf(anomaly.kind),
        severity: anomaly.severity.toLowerCase(),
        startedAt: anomaly.startedAt.toISOString(),
        alertAt: anomaly.alertAt.toISOString(),
        expectedUsd: expected,
        actualUsd: actual,
        rootCause: anomaly.rootCause ?? [],
      },
    });
    // E-mail goes here, to the same people as the in-app notification, through
    // ~/email/mailer.server's sendEmail: not wired yet.
  }
  return announced;
}

const kindOf = (kind: string) => kind.toLowerCase() as keyof typeof KIND_LABELS;

/** Owners and admins of the organisation, and the members of the team, in a workspace they belong to. */
async function notifyInApp(organizationId: string, teamId: string | null, title: string, link: string) {
  const people = await prisma.orgMembership.findMany({
    where: {
      organizationId,
      OR: [
        { role: { in: ["OWNER", "ADMIN"] } },
        ...(teamId ? [{ user: { teamMemberships: { some: { teamId } } } }] : []),
      ],
    },
    select: {
      userId: true,
      user: {
        select: {
          workspaceMemberships: { where: { workspace: { organizationId } }, select: { workspaceId: true }, take: 1 },
        },
      },
    },
  });
  const data = people
    .filter((p) => p.user.workspaceMemberships.length)
    .map((p) => ({
      userId: p.userId,
      kind: "ANOMALY" as const,
      workspaceId: p.user.workspaceMemberships[0]!.workspaceId,
      title,
      link,
    }));
  if (data.length) await prisma.notification.createMany({ data });
}
