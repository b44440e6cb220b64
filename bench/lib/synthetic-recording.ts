import { prisma } from "../../app/db/client.server";
import { pack, saveSegment, SEGMENT_MS } from "../../app/requests/recordings.server";
import { applyDelta, emptyState, type Delta, type TimedDelta } from "../../app/requests/replay-state";

/**
 * A long recording in the recorder's own format (keyframe + deltas per 30 s segment),
 * at a given activity rate, for seek benchmarks: typing in the body and the URL, chat,
 * sends with their responses, and people coming and going.
 */
export async function synthesizeRecording(
  documentId: string,
  { minutes, eventsPerMinute }: { minutes: number; eventsPerMinute: number },
) {
  const recording = await prisma.recording.create({ data: { documentId } });
  let state = emptyState();
  let bytes = 0;
  let events = 0;
  const durationMs = minutes * 60_000;
  const gap = 60_000 / eventsPerMinute;
  let at = 0;
  for (let start = 0; start < durationMs; start += SEGMENT_MS) {
    const keyframe = pack(state);
    const deltas: TimedDelta[] = [];
    for (; at < Math.min(start + SEGMENT_MS, durationMs); at += gap) {
      const delta = nextDelta(state, Math.floor(at));
      state = applyDelta(state, delta);
      deltas.push([Math.floor(at), delta]);
    }
    bytes += await saveSegment({
      recordingId: recording.id,
      startMs: start,
      endMs: Math.min(start + SEGMENT_MS, durationMs),
      keyframe,
      deltas,
      bytesBefore: bytes,
      eventsBefore: events,
    });
    events += deltas.length;
  }
  await prisma.recording.update({ where: { id: recording.id }, data: { endedAt: new Date() } });
  return { id: recording.id, durationMs, eventCount: events, byteSize: bytes };
}

function nextDelta(state: ReturnType<typeof emptyState>, at: number): Delta {
  const roll = (at * 7919) % 1000;
  if (roll < 600) return ["b", Math.floor((roll / 600) * state.body.length), 0, "abcdefghij"[at % 10]!];
  if (roll < 900) return ["p", "request", { url: `https://api.example.com/v1/items?page=${at % 97}` }];
  if (roll < 950)
    return [
      "a",
      "chat",
      [
        {
          id: `c${at}`,
          authorId: "u1",
          authorName: "Ada Lovelace",
          color: "#3E63DD",
          text: `Trying page ${at % 97} now`,
          at: new Date(at).toISOString(),
        },
      ],
    ];
  if (roll < 990) {
    const id = `r${at}`;
    return [
      "s",
      "response",
      {
        id,
        outcome: "OK",
        method: "GET",
        url: state.request.url,
        status: 200,
        statusText: "OK",
        error: null,
        headers: [{ name: "content-type", value: "application/json" }],
        body: JSON.stringify({ data: [{ id: at, object: "item" }] }, null, 2),
        bodyTruncated: false,
        contentType: "application/json",
        durationMs: 40,
        sizeBytes: 60,
        sentBy: "Ada Lovelace",
        sentAt: new Date(at).toISOString(),
      },
    ];
  }
  return at % 2
    ? ["j", { id: `u${at % 5}`, name: `Person ${at % 5}`, color: "#12A594", role: "MEMBER" }]
    : ["l", `u${at % 5}`];
}
