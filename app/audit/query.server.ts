import { z } from "zod";
import { prisma } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { unsafeTextProblem } from "~/http/text-safety";
import { AUDIT_ACTIONS, auditActionLabel } from "./actions";
import { csvLine } from "./csv";
import { addDays, startOfDay } from "~/time/days";

/**
 * Reading the audit log: filters from the page's query string, newest first, a page at a
 * time (keyset pagination on time and id, so paging stays fast however long the log
 * grows), and the same filters as a streamed CSV.
 */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-29.")
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  }, "That date does not exist.");

const AREAS = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0]!))];

export const AuditFilterSchema = z.object({
  /** One action ("member.removed") or a whole area ("member"). */
  action: z
    .string()
    .refine((a) => a in AUDIT_ACTIONS || AREAS.includes(a), "Choose an action from the list.")
    .optional(),
  actor: z.string().uuid("Choose a person from the list.").optional(),
  /** Words in the name of what was acted on. */
  q: z
    .string()
    .trim()
    .max(200, "Search with at most 200 characters.")
    .refine((q) => !unsafeTextProblem(q), "Search without NUL characters or broken Unicode: they cannot be stored.")
    .optional(),
  from: Day.optional(),
  to: Day.optional(),
  /** "<ISO time>_<id>" of the last event of the previous page. */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/, "That page link is broken: start from the first page.")
    .optional(),
});
export type AuditFilters = z.infer<typeof AuditFilterSchema>;

/** The filters in a URL's query string; empty values mean "no filter". */
export function auditFiltersFrom(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return AuditFilterSchema.safeParse(raw);
}

function whereOf(organizationId: string, filters: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [{ organizationId }];
  if (filters.action)
    and.push(
      filters.action in AUDIT_ACTIONS ? { action: filters.action } : { action: { startsWith: `${filters.action}.` } },
    );
  if (filters.actor) and.push({ actorId: filters.actor });
  if (filters.q) and.push({ targetLabel: { contains: filters.q, mode: "insensitive" } });
  if (filters.from) and.push({ createdAt: { gte: startOfDay(filters.from) } });
  if (filters.to) and.push({ createdAt: { lt: startOfDay(addDays(filters.to, 1)) } });
  return { AND: and };
}

function beforeCursor(cursor: string | undefined): Prisma.AuditEventWhereInput | null {
  if (!cursor) return null;
  const [at, id] = cursor.split("_") as [string, string];
  const time = new Date(at);
  return { OR: [{ createdAt: { lt: time } }, { createdAt: time, id: { lt: id } }] };
}

const ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export async function listAuditEvents(organizationId: string, filters: AuditFilters, pageSize = 50) {
  const where = whereOf(organizationId, filters);
  const cursor = beforeCursor(filters.before);
  const rows = await prisma.auditEvent.findMany({
    where: cursor ? { AND: [where, cursor] } : where,
    orderBy: ORDER,
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    events: page,
    next: rows.length > pageSize && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

/** The people who appear in an organisation's log, for the filter's list. */
export async function auditActors(organizationId: string) {
  const rows = await prisma.auditEvent.findMany({
    where: { organizationId, actorId: { not: null } },
    distinct: ["actorId"],
    orderBy: [{ actorId: "asc" }, { createdAt: "desc" }],
    select: { actorId: true, actorName: true },
    take: 500,
  });
  return rows.map((r) => ({ id: r.actorId!, name: r.actorName })).sort((a, b) => a.name.localeCompare(b.name, "en"));
}

const CSV_HEADER = [
  "time (UTC)",
  "actor",
  "actor email",
  "action",
  "description",
  "target type",
  "target id",
  "target",
  "before",
  "after",
  "ip",
  "user agent",
];

/** Every event the filters match, oldest last, as CSV, read from the database a batch at a time. */
export function auditCsv(organizationId: string, filters: AuditFilters, batchSize = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = whereOf(organizationId, { ...filters, before: undefined });
  let cursor: string | undefined = filters.before;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
      }
      const after = beforeCursor(cursor);
      const rows = await prisma.auditEvent.findMany({
        where: after ? { AND: [where, after] } : where,
        orderBy: ORDER,
        take: batchSize,
      });
      const text = rows
        .map((e) =>
          csvLine([
            e.createdAt.toISOString(),
            e.actorName,
            e.actorEmail,
            e.action,
            auditActionLabel(e.action),
            e.targetType,
            e.targetId,
            e.targetLabel,
            e.before === null ? null : JSON.stringify(e.before),
            e.after === null ? null : JSON.stringify(e.after),
            e.ip,
            e.userAgent,
          ]),
        )
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) controller.close();
      else cursor = `${last.createdAt.toISOString()}_${last.id}`;
    },
  });
}
