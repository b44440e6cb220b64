import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AnomalyKind as DbKind, SeriesGranularity } from "~/generated/prisma/enums";
import { notifyAnomalies } from "./alerts.server";
import { RobustDetector } from "./detectors/robust";
import type { AnomalyKind, Episode } from "./detectors/types";
import { rootCauseOf } from "./root-cause.server";
import { PERIOD_MS, periodStart, type Granularity } from "./series";
import { describeSeries, loadSeries, seriesDirectory, type SeriesInfo } from "./series.server";

/**
 * Anomaly detection for an organisation, run by the detection job (after ingestion batches
 * and on a schedule). Each series keeps its detector's state in DetectionState, so a run
 * only steps through the complete periods that are new since the last one: none, most of
 * the time, which costs two small queries. A series seen for the first time, or one whose
 * past changed (late events: DetectionBacklog), is replayed from its history.
 *
 * Only complete periods are judged (yesterday and before; the last full hour): a day still
 * under way is not a drop. Each anomaly episode becomes one Anomaly row, updated while it
 * lasts; new ones are announced (in-app, e-mail, webhooks) by alerts.server.ts.
 */
export const HISTORY: Record<Granularity, number> = { day: 400 * PERIOD_MS.day, hour: 90 * PERIOD_MS.day };
/** Anomalies that started longer ago than this when first found (a backfill) are not announced. */
const ANNOUNCE_WITHIN: Record<Granularity, number> = { day: 2 * PERIOD_MS.day, hour: 6 * PERIOD_MS.hour };

const DB_GRANULARITY: Record<Granularity, SeriesGranularity> = { day: "DAY", hour: "HOUR" };
export const DB_KIND: Record<AnomalyKind, DbKind> = {
  spike: "SPIKE",
  drop: "DROP",
  level_shift: "LEVEL_SHIFT",
  pattern_change: "PATTERN_CHANGE",
  drift: "DRIFT",
};

export type DetectionRun = { series: number; periods: number; anomalies: number; announced: number };

export async function detectForOrganization(
  organizationId: string,
  { now = new Date(), full = false }: { now?: Date; full?: boolean } = {},
): Promise<DetectionRun> {
  const backlog = await prisma.$queryRaw<{ since: Date }[]>`
    DELETE FROM "DetectionBacklog" WHERE "organizationId" = ${organizationId} RETURNING "since"`;
  const since = backlog[0]?.since.getTime() ?? null;
  const run: DetectionRun = { series: 0, periods: 0, anomalies: 0, announced: 0 };
  let directory: Awaited<ReturnType<typeof seriesDirectory>> | null = null;
  const fresh: string[] = [];
  for (const granularity of ["day", "hour"] as const) {
    const step = PERIOD_MS[granularity];
    const lastComplete = periodStart(now.getTime(), granularity) - step;
    const states = await prisma.detectionState.findMany({
      where: { organizationId, granularity: DB_GRANULARITY[granularity] },
    });
    const replay = (lastPeriod: Date | null) =>
      full || lastPeriod === null || (since !== null && since < lastPeriod.getTime() + step);
    const incremental = states.filter((s) => !replay(s.lastPeriod));
    const nextPeriod = Math.min(...incremental.map((s) => s.lastPeriod!.getTime() + step));
    // The usual case after an ingestion batch: nothing complete is new, and nothing old changed.
    if (states.length && incremental.length === states.length && nextPeriod > lastComplete) continue;

    directory ??= await seriesDirectory(organizationId);
    const historyFrom = lastComplete - HISTORY[granularity] + step;
    const recentFrom = incremental.length ? Math.max(historyFrom, nextPeriod) : lastComplete + step;
    const recent =
      recentFrom <= lastComplete ? await loadSeries(organizationId, granularity, recentFrom, lastComplete) : new Map();
    const stateByKey = new Map(states.map((s) => [s.seriesKey, s]));
    const replayKeys = new Set<string>([
      ...states.filter((s) => replay(s.lastPeriod)).map((s) => s.seriesKey),
      ...[...recent.keys()].filter((key) => !stateByKey.has(key)),
    ]);
    // A first run (or a full one) knows no series yet: every series with spend in the history is new.
    const everything = states.length === 0 || full;
    const history =
      everything || replayKeys.size
        ? await loadSeries(organizationId, granularity, historyFrom, lastComplete, everything ? undefined : replayKeys)
        : new Map<string, { timestamps: number[]; values: number[] }>();
    if (everything) for (const key of history.keys()) replayKeys.add(key);

    const infos = describeSeries(new Set([...replayKeys, ...incremental.map((s) => s.seriesKey)]), directory);
    const stateWrites: Prisma.DetectionStateUpsertArgs[] = [];
    for (const info of infos) {
      const state = stateByKey.get(info.key);
      const replaying = replayKeys.has(info.key);
      const data = replaying ? history.get(info.key) : recent.get(info.key);
      const first = replaying ? historyFrom : state!.lastPeriod!.getTime() + step;
      if (first > lastComplete) continue;
      const detector = RobustDetector.forGranularity(
        { granularity },
        replaying ? undefined : (state?.state ?? undefined),
      );
      detector.setSensitivity(state?.sensitivity ?? 1);
      let steps = 0;
      for (let t = first; t <= lastComplete; t += step) {
        const index = data ? Math.round((t - data.timestamps[0]!) / step) : -1;
        const value = data && index >= 0 && index < data.values.length ? data.values[index]! : 0;
        // Before a series' first spend there is no series: start where it starts.
        if (replaying && steps === 0 && value === 0) continue;
        detector.step(t, value);
        steps++;
      }
      run.series++;
      run.periods += steps;
      const touched = detector.episodes.filter((e) => e.end >= first);
      for (const episode of touched) {
        const created = await saveAnomaly(organizationId, info, granularity, episode);
        run.anomalies++;
        if (created && episode.alertAt >= now.getTime() - ANNOUNCE_WITHIN[granularity] - step) fresh.push(created);
      }
      const where = { organizationId, seriesKey: info.key, granularity: DB_GRANULARITY[granularity] };
      const snapshot = detector.snapshot() as Prisma.InputJsonValue;
      stateWrites.push({
        where: { organizationId_seriesKey_granularity: where },
        create: { ...where, lastPeriod: new Date(lastComplete), state: snapshot },
        update: { lastPeriod: new Date(lastComplete), state: snapshot },
      });
    }
    if (stateWrites.length) await prisma.$transaction(stateWrites.map((w) => prisma.detectionState.upsert(w)));
  }
  if (fresh.length) run.announced = await notifyAnomalies(organizationId, fresh);
  return run;
}

/** Creates or updates the episode's anomaly; answers its id when it is new. */
async function saveAnomaly(
  organizationId: string,
  info: SeriesInfo,
  granularity: Granularity,
  episode: Episode,
): Promise<string | null> {
  const key = {
    organizationId,
    seriesKey: info.key,
    granularity: DB_GRANULARITY[granularity],
    startedAt: new Date(episode.start),
  };
  const existing = await prisma.anomaly.findUnique({
    where: { organizationId_seriesKey_granularity_startedAt: key },
    select: { id: true, endedAt: true, open: true },
  });
  const values = {
    seriesLabel: info.label,
    subjectId: info.ref.id,
    kind: DB_KIND[episode.kind],
    severity: episode.severity === "critical" ? ("CRITICAL" as const) : ("WARNING" as const),
    alertAt: new Date(episode.alertAt),
    endedAt: new Date(episode.end),
    open: episode.open,
    expectedUsd: round4(episode.expectedTotal),
    actualUsd: round4(episode.actualTotal),
    peakScore: episode.peakScore,
  };
  const changed = !existing || existing.endedAt.getTime() !== episode.end || existing.open !== episode.open;
  const rootCause = changed
    ? ((await rootCauseOf(organizationId, info, granularity, episode)) as Prisma.InputJsonValue)
    : undefined;
  if (existing) {
    await prisma.anomaly.update({
      where: { id: existing.id },
      data: { ...values, ...(rootCause ? { rootCause } : {}) },
    });
    return null;
  }
  const created = await prisma.anomaly.create({ data: { ...key, ...values, rootCause }, select: { id: true } });
  return created.id;
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** Usage of an organisation changed at or after `since`: detection must look again from there. */
export async function markUsageChanged(organizationId: string, since: Date) {
  await prisma.$executeRaw`
    INSERT INTO "DetectionBacklog" ("organizationId", "since") VALUES (${organizationId}, ${since})
    ON CONFLICT ("organizationId") DO UPDATE SET "since" = LEAST("DetectionBacklog"."since", excluded."since")`;
}
