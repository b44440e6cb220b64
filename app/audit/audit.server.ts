import { prisma } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { stripUnstorable } from "~/http/validation.server";
import { clientAddress } from "~/rate-limit/rate-limit.server";
import { isAuditAction, type AuditAction } from "./actions";

/**
 * The audit log (docs/decisions/070-audit-log.md): every administrative action, who did
 * it, when, from where, and what it changed. Record it in the same transaction as the
 * change, so there is never a change without its record nor a record of a change that
 * rolled back:
 *
 *   await prisma.$transaction(async (tx) => {
 *     const after = await tx.team.update(…);
 *     await recordAudit({ ...auditFrom(request, user), organizationId, action: "team.renamed",
 *       target: { type: "team", id: team.id, label: after.name }, before: { name: before.name },
 *       after: { name: after.name } }, tx);
 *   });
 *
 * The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */

/** A person, or the system itself (a job, a webhook from a payment provider…). */
export type AuditActor = { id: string; name: string; email: string } | { system: string };

export type AuditEntry = {
  actor: AuditActor;
  organizationId: string;
  action: AuditAction;
  target: { type: string; id?: string | null; label: string };
  /** The fields that changed, as they were and as they are; small, never secrets. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  userAgent?: string | null;
};

/** Who acted and from where: what a capability needs to record the actions it performs. */
export type AuditOrigin = Pick<AuditEntry, "actor" | "ip" | "userAgent">;

type Db = Prisma.TransactionClient | typeof prisma;

/** Who acted and from where, from the request they acted with. */
export function auditFrom(request: Request, user: { id: string; name: string; email: string }): AuditOrigin {
  return { actor: { id: user.id, name: user.name, email: user.email }, ...requestOrigin(request) };
}

export function requestOrigin(request: Request): Pick<AuditEntry, "ip" | "userAgent"> {
  const address = clientAddress(request);
  return {
    ip: address === "unknown" ? null : address,
    userAgent: request.headers.get("user-agent"),
  };
}

export async function recordAudit(entry: AuditEntry, db: Db = prisma): Promise<void> {
  // A programming error, not bad input: fail loudly so the change rolls back with it.
  if (!isAuditAction(entry.action)) throw new Error(`Unknown audit action "${entry.action}"`);
  const actor = "system" in entry.actor ? null : entry.actor;
  await db.auditEvent.create({
    data: {
      organizationId: entry.organizationId,
      actorId: actor?.id ?? null,
      actorName: clip(actor ? actor.name : `System (${"system" in entry.actor ? entry.actor.system : ""})`, 200),
      actorEmail: actor ? clip(actor.email, 254) : null,
      action: entry.action,
      targetType: clip(entry.target.type, 60),
      targetId: entry.target.id ?? null,
      targetLabel: clip(entry.target.label, 300),
      before: asJson(entry.before),
      after: asJson(entry.after),
      ip: entry.ip ? clip(entry.ip, 100) : null,
      userAgent: entry.userAgent ? clip(entry.userAgent, 300) : null,
    },
  });
}

const SECRET_KEY = /token|secret|password|hash|key$|cookie|authorization/i;
const MAX_JSON_BYTES = 16_000;

/** Changes are stored as given, minus anything named like a secret; huge ones are summarised. */
function asJson(value: Record<string, unknown> | null | undefined) {
  if (value === null || value === undefined) return Prisma.DbNull;
  const redacted = redact(value);
  const text = JSON.stringify(redacted);
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) return { omitted: `the change is larger than ${MAX_JSON_BYTES} bytes` };
  return JSON.parse(text) as Prisma.InputJsonValue;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? "[redacted]" : redact(inner)]),
    );
  }
  return typeof value === "string" ? stripUnstorable(value) : value;
}

function clip(text: string, max: number) {
  // Names come from people: keep what PostgreSQL can store.
  const clean = stripUnstorable(text);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
