import { createClient, type LiveObject, type Room } from "@liveblocks/client";
import { getYjsProviderForRoom } from "@liveblocks/yjs";
import pg from "pg";
import WebSocket from "ws";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { ROOM_SCOPES } from "~/rooms/room-permissions.server";
import { matches } from "~/rooms/storage-schema";
import { isSystemUser, RECORDER_USER_ID } from "~/rooms/system-users";
import {
  applyDelta,
  diffStorage,
  diffText,
  emptyState,
  type Delta,
  type Participant,
  type ReplayState,
  type TimedDelta,
} from "./replay-state";
import { environmentsSchema, requestFieldsSchema } from "./room-schema";
import { restoreServerParts, roomShowsForgedEntries, serverPartsFromDatabase } from "./room-writes.server";
import { endRecording, openRecording, pack, saveSegment, SEGMENT_MAX_DELTAS, SEGMENT_MS } from "./recordings.server";

/**
 * The session recorder: the server joins each active request room as a hidden client
 * and records what happens there (edits, body typing, sends and responses, chat, joins
 * and leaves) into PostgreSQL, whether or not any browser stays open. Nothing depends
 * on a browser posting events.
 *
 * Room storage is not trusted (docs/decisions/065): from it the recorder takes only what
 * people edit (the request and its environments), and only while it matches its schema.
 * Responses, history and chat are recorded from PostgreSQL, where the server's own write
 * path put them before writing the room; and when the room shows such entries PostgreSQL
 * does not hold (forged by a client), the recorder has the server put PostgreSQL's back.
 *
 * One recorder per room across all app servers: whoever holds the room's PostgreSQL
 * advisory lock records it. Locks live on one connection per app server, so if a
 * server dies its locks go with it, and another server's sweep (every SWEEP_MS) picks
 * the open recording up and continues it with a fresh keyframe.
 * See docs/decisions/012-server-side-recorder.md.
 */
const FLUSH_MS = 1000;
const SWEEP_MS = 10_000;
/** Server-written parts are read from PostgreSQL on every storage change, and this often besides. */
const SERVER_PARTS_EVERY_TICKS = 10;
const RESTORE_MS = 2000;

type LiveRoom = Room<Liveblocks["Presence"], Liveblocks["Storage"], Liveblocks["UserMeta"], Liveblocks["RoomEvent"]>;

/**
 * This process's recorders, claims, lock connection and sweep, kept on globalThis: the app
 * server loads this module both from the Remix build (room tokens start recorders) and from
 * source (the job workers' list reaches it through the room kinds), and one process must
 * hold one set of locks.
 */
type RecorderState = {
  recorders: Map<string, SessionRecorder>;
  claiming: Set<string>;
  lockClient?: Promise<pg.Client>;
  sweeper?: NodeJS.Timeout;
};
const state: RecorderState = ((globalThis as unknown as { sessionRecorders?: RecorderState }).sessionRecorders ??= {
  recorders: new Map(),
  claiming: new Set(),
});
const { recorders, claiming } = state;

function locks(): Promise<pg.Client> {
  state.lockClient ??= (async () => {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("error", () => {
      // The connection (and with it every lock) is gone: stop recording here; another
      // server, or this one's next sweep, takes over.
      state.lockClient = undefined;
      for (const recorder of recorders.values()) void recorder.stop({ end: false, unlock: false });
    });
    await client.connect();
    return client;
  })().catch((error) => {
    state.lockClient = undefined;
    throw error;
  });
  return state.lockClient;
}

async function tryLock(documentId: string): Promise<boolean> {
  const client = await locks();
  const { rows } = await client.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
    [`recorder:${documentId}`],
  );
  return rows[0]?.locked === true;
}

async function unlock(documentId: string) {
  const client = await locks();
  await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`recorder:${documentId}`]);
}

/** Starts recording a session's room unless this or another server already does. Never throws. */
export function startRecorderSoon(documentId: string): void {
  ensureSweeper();
  if (recorders.has(documentId)) return;
  void claimAndStart(documentId).catch((error: unknown) => {
    console.error(
      `Session recorder for ${documentId} could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

async function claimAndStart(documentId: string) {
  // One claim at a time per room in this process: advisory locks are re-entrant on one
  // connection, so a second claim would take the lock twice and never fully release it.
  if (recorders.has(documentId) || claiming.has(documentId)) return;
  claiming.add(documentId);
  try {
    const document = await prisma.document.findUnique({
      where: { id: documentId },
      select: { roomId: true, kind: true },
    });
    if (!document || document.kind !== "REQUEST") return;
    if (!(await tryLock(documentId))) return;
    const recorder = new SessionRecorder(documentId, document.roomId);
    recorders.set(documentId, recorder);
    try {
      await recorder.start();
    } catch (error) {
      await recorder.stop({ end: false, unlock: true });
      throw error;
    }
  } finally {
    claiming.delete(documentId);
  }
}

/** Stops every recorder of this process (tests, shutdown); open recordings are continued later. */
export async function stopAllRecorders() {
  await Promise.all([...recorders.values()].map((r) => r.stop({ end: false, unlock: true })));
}

function ensureSweeper() {
  state.sweeper ??= setInterval(() => void sweep().catch(() => {}), SWEEP_MS).unref();
}
// Every app server sweeps from the start, so it can take over rooms of a server that died.
ensureSweeper();

/** Rooms that should be recorded: an open recording, or someone given a token lately. */
async function sweep() {
  const since = new Date(Date.now() - 2 * SWEEP_MS);
  const [open, seats] = await Promise.all([
    prisma.recording.findMany({ where: { endedAt: null }, select: { documentId: true }, take: 200 }),
    prisma.sessionSeat.findMany({ where: { issuedAt: { gt: since } }, select: { roomId: true }, take: 200 }),
  ]);
  const fromSeats = seats.length
    ? await prisma.document.findMany({ where: { roomId: { in: seats.map((s) => s.roomId) } }, select: { id: true } })
    : [];
  for (const id of new Set([...open.map((r) => r.documentId), ...fromSeats.map((d) => d.id)])) startRecorderSoon(id);
}

class SessionRecorder {
  private leave?: () => void;
  private room?: LiveRoom;
  private root?: LiveObject<Liveblocks["Storage"]>;
  private checking?: Promise<void>;
  private checkAgain = false;
  private ticks = 0;
  private restoredAt = 0;
  private unsubscribers: (() => void)[] = [];
  private state: ReplayState = emptyState();
  private recordingId = "";
  private recordingStart = 0;
  private segment = {
    startMs: 0,
    keyframe: new Uint8Array(0) as Uint8Array<ArrayBuffer>,
    deltas: [] as TimedDelta[],
    dirty: false,
  };
  private bytesBefore = 0;
  private segmentBytes = 0;
  private eventsBefore = 0;
  private flushTimer?: NodeJS.Timeout;
  private emptySince: number | null = null;
  private stopping = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly documentId: string,
    private readonly roomId: string,
  ) {}

  async start() {
    const recording = await openRecording(this.documentId);
    this.recordingId = recording.id;
    this.recordingStart = recording.startedAt.getTime();
    this.bytesBefore = recording.byteSize;
    this.eventsBefore = recording.eventCount;

    const client = createClient({
      baseUrl: env().LIVEBLOCKS_BASE_URL,
      polyfills: { WebSocket: WebSocket as never, fetch },
      throttle: 16,
      authEndpoint: async () => {
        const session = liveblocks().prepareSession(RECORDER_USER_ID, {
          userInfo: { name: "Session recorder", color: "#888888", role: "VIEWER" },
        });
        session.allow(this.roomId, ROOM_SCOPES.read);
        const { body } = await session.authorize();
        return JSON.parse(body) as { token: string };
      },
    });
    const { room, leave } = client.enterRoom(this.roomId, { initialPresence: { cursor: null, editing: null } });
    this.room = room;
    this.leave = leave;

    const { root } = await room.getStorage();
    const provider = getYjsProviderForRoom(room);
    const text = provider.getYDoc().getText("body");
    await waitFor(() => provider.synced, 15_000);

    this.root = root;
    this.state = {
      ...emptyState(),
      ...this.readCollaborative(root),
      ...(await serverPartsFromDatabase(this.documentId)),
      body: text.toString(),
      participants: this.readParticipants(),
    };
    // A new recording starts at 0; a continued one (after a server died) at the moment it resumes.
    this.startSegment(recording.eventCount === 0 && recording.byteSize === 0 ? 0 : this.now());
    // The joins that happened before the recorder arrived belong to this moment.
    this.markDirty();

    this.unsubscribers.push(
      room.subscribe(
        root,
        () => {
          this.record(diffStorage(this.state, { ...this.state, ...this.readCollaborative(root) }));
          this.checkServerParts();
        },
        { isDeep: true },
      ),
      room.subscribe("others", () => this.onOthers()),
    );
    const onText = () => {
      const delta = diffText(this.state.body, text.toString());
      if (delta) this.record([delta]);
    };
    text.observe(onText);
    // Whatever the room showed before the recorder arrived is checked too.
    this.checkServerParts();
    this.unsubscribers.push(() => text.unobserve(onText));
    this.flushTimer = setInterval(() => this.tick(), FLUSH_MS);
    this.flushTimer.unref();
  }

  private now() {
    return Date.now() - this.recordingStart;
  }

  /** The parts people edit, each only while it matches its schema (garbage is not recorded). */
  private readCollaborative(root: LiveObject<Liveblocks["Storage"]>): Pick<ReplayState, "request" | "environments"> {
    const request = root.get("request") as unknown;
    const environments = root.get("environments") as unknown;
    return {
      request: matches(requestFieldsSchema, request)
        ? (root.toJSON().request as unknown as ReplayState["request"])
        : this.state.request,
      environments: matches(environmentsSchema, environments)
        ? (root.toJSON().environments as unknown as ReplayState["environments"])
        : this.state.environments,
    };
  }

  /**
   * Records what PostgreSQL holds of the server-written parts, then restores the room's
   * copy if it shows anything else. One check at a time; a change during one runs another.
   */
  private checkServerParts() {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = (async () => {
      do {
        this.checkAgain = false;
        const parts = await serverPartsFromDatabase(this.documentId);
        this.record(diffStorage(this.state, { ...this.state, ...parts }));
        const room = this.root?.toJSON() as Record<string, unknown> | undefined;
        // At most one restore per RESTORE_MS: a client forging again and again gets no loop.
        if (
          room &&
          !this.stopping &&
          Date.now() - this.restoredAt > RESTORE_MS &&
          (await roomShowsForgedEntries(this.documentId, room))
        ) {
          this.restoredAt = Date.now();
          await restoreServerParts({ id: this.documentId, roomId: this.roomId });
        }
      } while (this.checkAgain && !this.stopping);
    })()
      .catch((error: unknown) => {
        console.error(
          `Session recorder for ${this.documentId} could not check the room's server-written parts: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.checking = undefined;
      });
  }

  private readParticipants(): Participant[] {
    const seen = new Map<string, Participant>();
    for (const other of this.room?.getOthers() ?? []) {
      if (!other.id || isSystemUser(other.id) || seen.has(other.id)) continue;
      seen.set(other.id, { id: other.id, name: other.info.name, color: other.info.color, role: other.info.role });
    }
    return [...seen.values()];
  }

  private onOthers() {
    const now = this.readParticipants();
    const before = new Map(this.state.participants.map((p) => [p.id, p]));
    const deltas: Delta[] = [];
    for (const p of now) if (!before.has(p.id)) deltas.push(["j", p]);
    for (const id of before.keys()) if (!now.some((p) => p.id === id)) deltas.push(["l", id]);
    this.record(deltas);
  }

  private record(deltas: Delta[]) {
    if (deltas.length === 0 || this.stopping) return;
    const at = this.now();
    for (const delta of deltas) {
      this.state = applyDelta(this.state, delta);
      this.segment.deltas.push([at, delta]);
    }
    this.markDirty();
  }

  private markDirty() {
    this.segment.dirty = true;
  }

  private startSegment(startMs: number) {
    this.segment = { startMs, keyframe: pack(this.state), deltas: [], dirty: true };
    this.segmentBytes = 0;
  }

  private tick() {
    const people = this.state.participants.length;
    if (people > 0) this.emptySince = null;
    else this.emptySince ??= Date.now();
    if (this.emptySince !== null && Date.now() - this.emptySince > env().RECORDING_IDLE_SECONDS * 1000) {
      void this.stop({ end: true, unlock: true });
      return;
    }
    // A room write that failed after its row was saved still reaches the recording.
    if (++this.ticks % SERVER_PARTS_EVERY_TICKS === 0) this.checkServerParts();
    void this.flush();
  }

  /** Writes the current segment if it changed, and starts a new one when it is full. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(async () => {
        const now = this.now();
        if (this.segment.dirty) {
          this.segment.dirty = false;
          this.segmentBytes = await saveSegment({
            recordingId: this.recordingId,
            startMs: this.segment.startMs,
            endMs: Math.max(now, this.segment.startMs),
            keyframe: this.segment.keyframe,
            deltas: this.segment.deltas,
            bytesBefore: this.bytesBefore,
            eventsBefore: this.eventsBefore,
          });
        }
        // A quiet segment just grows longer: seeking inside it costs nothing, a keyframe would.
        if (
          this.segment.deltas.length > 0 &&
          (now - this.segment.startMs >= SEGMENT_MS || this.segment.deltas.length >= SEGMENT_MAX_DELTAS)
        ) {
          this.bytesBefore += this.segmentBytes;
          this.eventsBefore += this.segment.deltas.length;
          this.startSegment(now);
        }
      })
      .catch((error: unknown) => {
        console.error(
          `Session recorder for ${this.documentId} could not save: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    return this.flushing;
  }

  async stop({ end, unlock: release }: { end: boolean; unlock: boolean }) {
    if (this.stopping) return;
    this.stopping = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    for (const off of this.unsubscribers) off();
    await this.checking;
    this.segment.dirty = true;
    await this.flush();
    this.leave?.();
    recorders.delete(this.documentId);
    if (end && this.recordingId) await endRecording(this.recordingId).catch(() => {});
    if (release) await unlock(this.documentId).catch(() => {});
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("The room's text did not sync in time.");
    await new Promise((r) => setTimeout(r, 50));
  }
}
