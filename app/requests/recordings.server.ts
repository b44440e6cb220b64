import { gunzipSync, gzipSync } from "node:zlib";
import { prisma } from "~/db/client.server";
import { stateAt, type ReplayState, type TimedDelta } from "./replay-state";

/**
 * Recordings in PostgreSQL: segments of a keyframe and the deltas after it, each gzip'd
 * JSON. Seeking reads one segment (by the primary key) and applies its deltas, so it
 * costs the same at minute 1 and minute 60.
 */
export const SEGMENT_MS = 30_000;
export const SEGMENT_MAX_DELTAS = 600;

export const pack = (value: unknown): Uint8Array<ArrayBuffer> =>
  new Uint8Array(gzipSync(JSON.stringify(value), { level: 6 }));
const unpack = <T>(bytes: Uint8Array): T => JSON.parse(gunzipSync(bytes).toString("utf8")) as T;

export async function openRecording(documentId: string) {
  const open = await prisma.recording.findFirst({
    where: { documentId, endedAt: null },
    orderBy: { startedAt: "desc" },
  });
  return open ?? prisma.recording.create({ data: { documentId } });
}

/** Writes (or rewrites, as it grows) one segment, and the recording's running totals. */
export async function saveSegment(input: {
  recordingId: string;
  startMs: number;
  endMs: number;
  keyframe: Uint8Array<ArrayBuffer>;
  deltas: TimedDelta[];
  bytesBefore: number;
  eventsBefore: number;
}) {
  const deltas = pack(input.deltas);
  await prisma.$transaction([
    prisma.recordingSegment.upsert({
      where: { recordingId_startMs: { recordingId: input.recordingId, startMs: input.startMs } },
      create: {
        recordingId: input.recordingId,
        startMs: input.startMs,
        endMs: input.endMs,
        eventCount: input.deltas.length,
        keyframe: input.keyframe,
        deltas,
      },
      update: { endMs: input.endMs, eventCount: input.deltas.length, deltas },
    }),
    prisma.recording.update({
      where: { id: input.recordingId },
      data: {
        durationMs: input.endMs,
        eventCount: input.eventsBefore + input.deltas.length,
        byteSize: input.bytesBefore + input.keyframe.length + deltas.length,
      },
    }),
  ]);
  return input.keyframe.length + deltas.length;
}

export async function endRecording(recordingId: string) {
  await prisma.recording.update({ where: { id: recordingId }, data: { endedAt: new Date() } });
}

export async function listRecordings(documentId: string) {
  return prisma.recording.findMany({
    where: { documentId, eventCount: { gt: 0 } },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: { id: true, startedAt: true, endedAt: true, durationMs: true, eventCount: true, byteSize: true },
  });
}

/** The recording's outline: when each segment starts, for the timeline and for seeking. */
export async function recordingOutline(documentId: string, recordingId: string) {
  const recording = await prisma.recording.findFirst({
    where: { id: recordingId, documentId },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      durationMs: true,
      eventCount: true,
      byteSize: true,
      segments: { select: { startMs: true, endMs: true, eventCount: true }, orderBy: { startMs: "asc" } },
    },
  });
  return recording;
}

/**
 * One segment as the replay player reads it, as JSON text built from the stored bytes
 * (no parse and re-serialise on the way), or null. `final` says it will not change again.
 */
export async function segmentJson(documentId: string, recordingId: string, startMs: number) {
  const row = await prisma.recordingSegment.findFirst({
    where: { recordingId, startMs, recording: { documentId } },
    select: { startMs: true, endMs: true, keyframe: true, deltas: true, recording: { select: { endedAt: true } } },
  });
  if (!row) return null;
  const text = (bytes: Uint8Array) => gunzipSync(bytes).toString("utf8");
  return {
    json: `{"startMs":${row.startMs},"endMs":${row.endMs},"keyframe":${text(row.keyframe)},"deltas":${text(row.deltas)}}`,
    final: row.recording.endedAt !== null,
  };
}

/** The state at `ms` into the recording: the segment that covers it, applied up to `ms`. */
export async function seek(recordingId: string, ms: number) {
  const row = await prisma.recordingSegment.findFirst({
    where: { recordingId, startMs: { lte: Math.max(0, ms) } },
    orderBy: { startMs: "desc" },
  });
  if (!row) return null;
  return stateAt(unpack<ReplayState>(row.keyframe), unpack<TimedDelta[]>(row.deltas), ms);
}
